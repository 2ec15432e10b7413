// A worker that takes one feed job and never finishes it, for the kill-a-worker test: it
// prints the job's id once it holds it, then waits to be killed.
import { startFeedQueue } from '../../src/queue/index.ts';

const queue = await startFeedQueue({
  connectionString: process.argv[2]!,
  pollingIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 3600,
});
await queue.work(async (_job, attempt) => {
  process.stdout.write(`holding ${attempt.id}\n`);
  await new Promise(() => {});
});
