/** A place taken in a host limiter: held while a request runs, moved when it is redirected. */
export interface HostSlot {
  /**
   * Gives up this host's place and waits for one on `host` (nothing when it is the same host),
   * so that a redirected request counts against the host it is now talking to. Giving up
   * first and then waiting never holds two places, so two requests redirected towards each
   * other's hosts cannot deadlock.
   */
  moveTo(host: string): Promise<void>;
  /** Gives the place back; a second call does nothing. */
  release(): void;
}

/** Bounds work in flight globally and per host; waiters are served first come, first served. */
export interface HostLimiter {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
  /** Waits for a place on `host`; the caller releases it. */
  acquire(host: string): Promise<HostSlot>;
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
  const enter = async (host: string) => {
    if (canStart(host)) begin(host);
    else await new Promise<void>((start) => waiting.push({ host, start }));
  };

  const acquire = async (host: string): Promise<HostSlot> => {
    await enter(host);
    let held: string | undefined = host;
    return {
      async moveTo(next) {
        if (next === held) return;
        if (held !== undefined) end(held);
        held = undefined;
        await enter(next);
        held = next;
      },
      release() {
        if (held === undefined) return;
        end(held);
        held = undefined;
      },
    };
  };

  return {
    acquire,
    async run(host, task) {
      const slot = await acquire(host);
      try {
        return await task();
      } finally {
        slot.release();
      }
    },
  };
}
