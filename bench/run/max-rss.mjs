// Preloaded into the benchmarked process: prints its peak resident set size when it exits.
process.on('exit', () => {
  process.stderr.write(`\nmax-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
