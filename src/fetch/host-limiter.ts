/** Bounds work in flight globally and per host; waiters are served first come, first served. */
export interface HostLimiter {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
}

/** Creates a limiter allowing `global` tasks at once and `perHost` per host. */
export function createHostLimiter(global: number, perHost: number): HostLimiter {
  let active = 0;
  const perHostActive = new Map<string, number>();
  const waiting: { host: string; start: () => void }[] = [];

  const canStart = (host: string) => active < global && (perHostActive.get(host) ?? 0) < perHost;
  const begin = (host: string) => {
    active++;
    perHostActive.set(host, (perHostActive.get(host) ?? 0) + 1);
  };
  const end = (host: string) => {
    active--;
    const left = (perHostActive.get(host) ?? 1) - 1;
    if (left === 0) perHostActive.delete(host);
    else perHostActive.set(host, left);
    for (let index = 0; index < waiting.length && active < global; index++) {
      const waiter = waiting[index]!;
      if (canStart(waiter.host)) {
        waiting.splice(index--, 1);
        begin(waiter.host);
        waiter.start();
      }
    }
  };

  return {
    async run(host, task) {
      if (canStart(host)) begin(host);
      else await new Promise<void>((start) => waiting.push({ host, start }));
      try {
        return await task();
      } finally {
        end(host);
      }
    },
  };
}
