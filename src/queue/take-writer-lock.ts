import { hostname } from 'node:os';
import { FeedmillError } from '../errors.ts';
import { maskConnectionString, stateError } from '../store/index.ts';

/** The advisory lock held by a site's writer for as long as its connection lives. */
export interface WriterLock {
  release(): Promise<void>;
}

// The first key of the two-key advisory lock: feedmill's writers (any fixed number).
const WRITER_LOCK_CLASS = 0x66776c6b;

/** FNV-1a: a stable 32-bit key for the site, the same in every process and on every machine. */
function siteKey(site: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(site, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash | 0;
}

/**
 * Takes the PostgreSQL advisory lock of one site on a connection of its own (a session lock:
 * a writer that dies loses it with its connection). A second writer is refused with LOCKED,
 * naming the holder as its connection's application_name says (`command` is the holder's).
 */
export async function takeWriterLock(
  connectionString: string,
  site: string,
  command: 'publish' | 'prune' = 'publish',
): Promise<WriterLock> {
  const reportAs = maskConnectionString(connectionString);
  const { default: postgres } = await import('pg');
  const me = `feedmill ${command} on ${hostname()} (pid ${process.pid})`;
  const client = new postgres.Client({ connectionString, application_name: me.slice(0, 63) });
  client.on('error', () => {});
  const key = siteKey(site);
  let granted: boolean;
  try {
    await client.connect();
    const { rows } = await client.query<{ granted: boolean }>(
      'SELECT pg_try_advisory_lock($1, $2) AS granted',
      [WRITER_LOCK_CLASS, key],
    );
    granted = rows[0]?.granted === true;
  } catch (error) {
    await client.end().catch(() => {});
    throw stateError(error, reportAs, 'lock');
  }
  if (!granted) {
    // pg_locks shows the two keys as classid and objid (unsigned), objsubid 2.
    const { rows } = await client
      .query<{ holder: string; since: Date }>(
        `SELECT a.application_name AS holder, a.backend_start AS since FROM pg_locks l
         JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
           AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid`,
        [WRITER_LOCK_CLASS, key >>> 0],
      )
      .catch(() => ({ rows: [] as { holder: string; since: Date }[] }));
    await client.end().catch(() => {});
    const holder = rows[0]
      ? `${rows[0].holder || 'another client'}, connected since ${rows[0].since.toISOString()}`
      : 'another writer';
    throw new FeedmillError(
      'LOCKED',
      `another writer is publishing to ${site}: ${holder}; one writer per site (wait for it to finish)`,
      { path: site },
    );
  }
  return {
    async release() {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [WRITER_LOCK_CLASS, key]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
