// Preloaded into the benchmarked process: prints its peak resident set size and CPU time when it exits.
// (Preloads run in worker threads too: only the main thread reports.)
import { isMainThread } from 'node:worker_threads';

if (isMainThread)
  process.on('exit', () => {
    const usage = process.resourceUsage();
    process.stderr.write(
      `\nmax-rss-kib ${usage.maxRSS}\ncpu-us ${usage.userCPUTime + usage.systemCPUTime}\nuser-us ${usage.userCPUTime}\nsys-us ${usage.systemCPUTime}\n`,
    );
  });
