import { hostname } from 'node:os';
import type pg from 'pg';
import { FeedmillError } from '../errors.ts';
import type { Fetcher, HttpPageFetcher } from '../fetch/index.ts';

/**
 * The first key of the two-key advisory locks that are host slots ("fhst"); the writer's lock
 * has its own class, so the two never meet.
 */
export const HOST_SLOT_CLASS = 0x66687374;

/** Bits of the second key that number the slot: `http.per_host` is at most 64. */
const SLOT_BITS = 6;
export const MAX_SLOTS = 1 << SLOT_BITS;

/** FNV-1a of the host name: the same number in every process, on every machine. */
function hostHash(host: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(host.toLowerCase(), 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

/**
 * The host's bucket: the second key's upper bits, shared by its slots. Two hosts rarely share
 * one (26 bits); if they do, they share their slots, which errs on the polite side.
 */
export function hostBucket(host: string): number {
  return hostHash(host) >>> SLOT_BITS;
}

/** The second key (a signed 32-bit integer, as PostgreSQL's int4) of slot `slot` of `host`. */
export function hostSlotKey(host: string, slot: number): number {
  return (hostBucket(host) << SLOT_BITS) | slot | 0;
}

/**
 * Moves a running task's slot to the host a redirect lands on (nothing when it is the same
 * host): the slot held is given back first, then one of `host`'s is waited for as `run` waits;
 * HOST_BUSY when none comes free in time (the task holds no slot then).
 */
export type MoveSlot = (host: string) => Promise<void>;

/** Fetch slots per host shared by every worker of one database. */
export interface HostSlots {
  /**
   * Runs `task` holding one of the host's slots, waiting up to the configured time for one;
   * throws HOST_BUSY (the task never ran) when none came free. The task may move its slot to
   * another host (a redirect's) with the MoveSlot it is given; the slot it holds at the end is
   * given back.
   */
  run<T>(host: string, task: (moveTo: MoveSlot) => Promise<T>): Promise<T>;
  /** Slots this process holds now, by host. */
  held(): ReadonlyMap<string, number>;
  /** Ends the slots' connection: PostgreSQL releases whatever it held. */
  close(): Promise<void>;
}

export interface HostSlotOptions {
  connectionString: string;
  /** Slots per host across all workers: `http.per_host`. */
  perHost: number;
  /** How long a fetch waits for a free slot before HOST_BUSY (default 1500 ms). */
  waitMs?: number;
}

/** A slot this process took: its lock key, on the session it was taken on. */
interface Taken {
  key: number;
  session: number;
}

/** Whether two hosts are one for the slots (hostSlotKey folds case). */
function sameHost(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Opens host slots on the PostgreSQL state: slot i of a host is the session advisory lock
 * (HOST_SLOT_CLASS, hostSlotKey(host, i)), taken on one connection of this process for the
 * time of one fetch. PostgreSQL ends a session's locks with the session, so a worker that is
 * killed, or loses its connection, never keeps a slot.
 */
export function openHostSlots(options: HostSlotOptions): HostSlots {
  const perHost = Math.max(1, Math.min(MAX_SLOTS, Math.floor(options.perHost)));
  const waitMs = options.waitMs ?? 1500;
  // Slots this process holds, by key; a session lock is re-entrant, so a slot already held here
  // must never be asked for again on the same session.
  const mine = new Map<number, { host: string; session: number }>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let session = 0;
  let closed = false;
  // One statement at a time: choosing a free slot and taking it must not interleave.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work, work);
    turn = result.catch(() => {});
    return result;
  };

  const forget = (dead: pg.Client) => {
    if (client !== dead) return;
    client = undefined;
    // The server ended the session, and its locks with it.
    for (const [key, entry] of mine) if (entry.session === session) mine.delete(key);
  };
  const connect = async (): Promise<pg.Client> => {
    if (client) return client;
    connecting ??= (async () => {
      const { default: postgres } = await import('pg');
      const fresh = new postgres.Client({
        connectionString: options.connectionString,
        application_name: `feedmill host slots on ${hostname()} (pid ${process.pid})`.slice(0, 63),
        // A machine that vanishes without closing its connection is noticed by keepalives.
        keepAlive: true,
      });
      fresh.on('error', () => forget(fresh));
      fresh.on('end', () => forget(fresh));
      try {
        await fresh.connect();
      } catch (error) {
        await fresh.end().catch(() => {});
        throw error;
      }
      session++;
      client = fresh;
      return fresh;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  /** Takes a free slot of `host` on this session; undefined when all are held. */
  const tryTake = (host: string) =>
    inTurn(async (): Promise<Taken | undefined> => {
      const candidates: number[] = [];
      for (let slot = 0; slot < perHost; slot++) {
        const key = hostSlotKey(host, slot);
        if (!mine.has(key)) candidates.push(key);
      }
      if (candidates.length === 0 || closed) return undefined;
      const db = await connect();
      // LIMIT 1 stops the scan at the first lock granted: one slot at most is taken.
      const { rows } = await db.query<{ key: number }>(
        'SELECT key FROM unnest($2::int[]) AS key WHERE pg_try_advisory_lock($1::int, key) LIMIT 1',
        [HOST_SLOT_CLASS, candidates],
      );
      const key = rows[0]?.key;
      if (key === undefined) return undefined;
      const taken = { key, session };
      mine.set(key, { host, session });
      return taken;
    });

  const give = (taken: Taken) =>
    inTurn(async () => {
      if (mine.get(taken.key)?.session !== taken.session) return;
      mine.delete(taken.key);
      // A lost session already released it; unlocking on a newer one would be wrong.
      if (taken.session !== session || !client) return;
      await client.query('SELECT pg_advisory_unlock($1::int, $2::int)', [HOST_SLOT_CLASS, taken.key]);
    }).catch(() => {});

  /** Waits up to `waitMs` for a slot of `host`; HOST_BUSY when none came free. */
  const waitForSlot = async (host: string): Promise<Taken> => {
    const deadline = Date.now() + waitMs;
    let pause = 25;
    let problem: string | undefined;
    for (;;) {
      try {
        const taken = await tryTake(host);
        if (taken) return taken;
        problem = undefined;
      } catch (error) {
        // Unreachable database: wait as for a busy host, then defer the feed.
        problem = (error as Error).message;
        // Start over on a new session: ending this one releases whatever it still held.
        const broken = client;
        if (broken) {
          forget(broken);
          await broken.end().catch(() => {});
        }
      }
      if (closed || Date.now() + pause > deadline)
        throw new FeedmillError(
          'HOST_BUSY',
          problem === undefined
            ? `${host}: all ${perHost} fetch slot(s) (http.per_host) are in use by other workers`
            : `${host}: cannot take a fetch slot: ${problem}`,
        );
      // Jitter spreads the waiters of one host, so they do not all ask at once.
      await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
      pause = Math.min(pause * 2, 400);
    }
  };

  return {
    async run(host, task) {
      let held: { host: string; taken: Taken } | undefined = { host, taken: await waitForSlot(host) };
      // Session advisory locks are not tied to a transaction: one is unlocked and another taken on
      // the same session at any time. The slot is given back before the next one is waited for,
      // as the in-process limiter does, so a fetch waiting for a slot holds none, and two fetches
      // redirected towards each other's hosts cannot hold each other's slots while they wait.
      const moveTo: MoveSlot = async (next) => {
        if (held !== undefined && sameHost(held.host, next)) return;
        const left = held;
        held = undefined;
        if (left) await give(left.taken);
        held = { host: next, taken: await waitForSlot(next) };
      };
      try {
        return await task(moveTo);
      } finally {
        if (held) await give(held.taken);
      }
    },
    held() {
      const byHost = new Map<string, number>();
      for (const { host } of mine.values()) byHost.set(host, (byHost.get(host) ?? 0) + 1);
      return byHost;
    },
    async close() {
      closed = true;
      await turn;
      const open = client;
      client = undefined;
      mine.clear();
      await open?.end().catch(() => {});
    },
  };
}

/**
 * An article page fetcher whose every request holds a slot of its host, so that `http.per_host`
 * counts full-text page fetches across all workers too (a feed's items mostly link to one site);
 * the slot follows a redirect to the host that serves the page.
 * A URL that does not parse goes straight to the fetcher, which refuses it.
 */
export function withPageHostSlots(pages: HttpPageFetcher, slots: HostSlots): HttpPageFetcher {
  return {
    get(url, request) {
      let host: string;
      try {
        host = new URL(url).host;
      } catch {
        return pages.get(url, request);
      }
      return slots.run(host, (moveTo) =>
        pages.get(url, {
          ...request,
          onRedirect: async (target) => {
            await request?.onRedirect?.(target);
            await moveTo(target.host);
          },
        }),
      );
    },
    close() {
      pages.close();
    },
  };
}

/**
 * The fetcher with host slots around each HTTP fetch (files take none): across every worker at
 * most `http.per_host` fetches of one host are in flight. A redirect to another host moves the
 * fetch's slot there; when that host's slots stay taken, the fetch ends with HOST_BUSY (the job
 * is deferred, as for a busy first host).
 */
export function withHostSlots(fetcher: Fetcher, slots: HostSlots): Fetcher {
  return {
    fetch(location, validators, request = {}) {
      if (location.kind === 'file') return fetcher.fetch(location, validators, request);
      return slots.run(new URL(location.url).host, (moveTo) =>
        fetcher.fetch(location, validators, {
          ...request,
          // The slot follows the fetch to the host a redirect lands on, as the in-process place does.
          onRedirect: async (target) => {
            await request.onRedirect?.(target);
            await moveTo(target.host);
          },
        }),
      );
    },
    close() {
      fetcher.close?.();
    },
  };
}
