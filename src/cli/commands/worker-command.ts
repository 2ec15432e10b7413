import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { FeedmillError } from '../../errors.ts';
import { startWorker } from '../../queue/index.ts';
import type { Output } from '../output.ts';
import { userAgent } from '../version.ts';

export const WORKER_HELP = `Usage: feedmill worker [--config PATH] [--schedule] [--concurrency N]

Fetches and renders feeds from the PostgreSQL queue (state: postgres://… in feedmill.yml) until
stopped (SIGINT/SIGTERM). Any number of workers, on any number of machines: a feed has one job
at a time, a job whose worker died is retried once it expires, and each feed's next job is
queued for its next check. Rendered posts wait in PostgreSQL for \`feedmill publish\`.
See docs/scale-out.md.

Options:
  -c, --config PATH          config file (default: ./feedmill.yml)
      --schedule             also queue the configured feeds that have no job (run it in one
                             worker or more; a feed is never queued twice)
      --concurrency N        jobs at once in this process (default http.concurrency)
      --job-timeout SECONDS  a job running longer is taken as lost and retried (default 600)
      --retry-delay SECONDS  first retry of a lost or failed job, doubling (default 60)
      --poll SECONDS         how often an idle worker looks for due jobs (default 2)
  -h, --help                 show this help

Examples:
  FEEDMILL_STATE_URL=postgres://feedmill@db/feedmill feedmill worker --schedule
`;

/** `feedmill worker`: works on feed jobs until a signal stops it. Returns the exit code. */
export async function workerCommand(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      schedule: { type: 'boolean' },
      concurrency: { type: 'string' },
      'job-timeout': { type: 'string' },
      'retry-delay': { type: 'string' },
      poll: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    output.out(WORKER_HELP);
    return 0;
  }
  const seconds = (name: string, given: string | undefined) => {
    if (given === undefined) return undefined;
    const value = Number(given);
    if (!Number.isFinite(value) || value <= 0)
      throw new FeedmillError('USAGE', `--${name} ${given} is not a positive number`);
    return value;
  };
  const expire = seconds('job-timeout', values['job-timeout']);
  const retryDelay = seconds('retry-delay', values['retry-delay']);
  const poll = seconds('poll', values.poll);
  const concurrency = seconds('concurrency', values.concurrency);
  const worker = await startWorker(loadConfig(values.config), {
    userAgent: userAgent(),
    schedule: values.schedule === true,
    ...(concurrency === undefined ? {} : { concurrency: Math.floor(concurrency) }),
    ...(expire === undefined
      ? {}
      : { expireInSeconds: Math.ceil(expire), maintenanceIntervalSeconds: Math.ceil(expire) }),
    ...(retryDelay === undefined ? {} : { retryDelaySeconds: Math.ceil(retryDelay) }),
    ...(poll === undefined ? {} : { pollingIntervalSeconds: Math.max(0.5, poll) }),
    log: (line) => output.out(`${new Date().toISOString()} ${line}\n`),
    onError: (error) => output.err(`worker: ${error.message}\n`),
  });
  output.out(`worker ${worker.id} started${values.schedule ? ' (with the scheduler)' : ''}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await worker.stop();
  output.out(`worker ${worker.id} stopped\n`);
  return 0;
}
