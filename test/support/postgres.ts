import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PostgreSQL server for one test file: where to connect, and how to stop it. */
export interface TestPostgres {
  /** A `postgres://` URL of an empty database owned by the connecting user. */
  connectionString: string;
  /** Stops the cluster and removes its folder (a no-op for a cluster given by the environment). */
  stop(): Promise<void>;
  /**
   * Restarts the server (fast shutdown: connections are cut), running `whileDown` before starting
   * it again; undefined for a given server.
   */
  restart?(whileDown?: () => Promise<void>): Promise<void>;
}

const ROOT = '/usr/lib/postgresql';
// initdb refuses to run as root; Debian's packages create this user.
const CLUSTER_USER = 'postgres';

/** The newest PostgreSQL's bin folder under Debian's layout, if one is installed. */
function binFolder(): string | undefined {
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT)
    .filter((name) => existsSync(join(ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(ROOT, versions[0], 'bin');
}

function userExists(name: string): boolean {
  return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
}

/**
 * Whether the PostgreSQL tests can run: a server named by FEEDMILL_TEST_POSTGRES_URL, or
 * initdb and pg_ctl installed (Debian's `postgresql` package). Otherwise the reason, for the
 * skip message.
 */
export function postgresAvailable(): true | string {
  if (process.env.FEEDMILL_TEST_POSTGRES_URL) return true;
  if (!binFolder())
    return `PostgreSQL is not installed (no ${ROOT}/*/bin/initdb; apt-get install postgresql)`;
  const root = process.getuid?.() === 0;
  if (root && !userExists(CLUSTER_USER))
    return `running as root and there is no "${CLUSTER_USER}" user for initdb`;
  return true;
}

/** The skip option for `test()`: false when PostgreSQL can run, else the reason it cannot. */
export function skipUnlessPostgres(): false | string {
  const available = postgresAvailable();
  return available === true ? false : `skipped: ${available}`;
}

/**
 * Starts a throwaway cluster (initdb + pg_ctl in a temporary folder, listening only on a Unix
 * socket in that folder), or, when FEEDMILL_TEST_POSTGRES_URL is set, creates a fresh database
 * on that server so test files never see each other's rows.
 */
export async function startPostgres(settings: { maxConnections?: number } = {}): Promise<TestPostgres> {
  const given = process.env.FEEDMILL_TEST_POSTGRES_URL;
  if (given) return freshDatabaseOn(given);
  const bin = binFolder();
  if (!bin) throw new Error(String(postgresAvailable()));
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-pg-'));
  // The cluster's owner must reach the folder; the socket lives in it too.
  chmodSync(folder, 0o777);
  const data = join(folder, 'data');
  const asOwner = (command: string, args: string[]) => {
    const root = process.getuid?.() === 0;
    const [file, argv] = root
      ? ['runuser', ['-u', CLUSTER_USER, '--', join(bin, command), ...args]]
      : [join(bin, command), args];
    execFileSync(file as string, argv as string[], { stdio: 'pipe', cwd: folder });
  };
  const user = process.getuid?.() === 0 ? CLUSTER_USER : (process.env.USER ?? 'postgres');
  // No TCP listener: the socket in the folder cannot clash with another test file's cluster.
  const options = `-c listen_addresses='' -c unix_socket_directories='${folder}' -c fsync=off -c full_page_writes=off -c max_connections=${settings.maxConnections ?? 50}`;
  try {
    asOwner('initdb', ['-D', data, '-U', user, '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    asOwner('pg_ctl', ['-D', data, '-o', options, '-l', join(folder, 'log'), '-w', '-t', '30', 'start']);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  const start = () =>
    asOwner('pg_ctl', ['-D', data, '-o', options, '-l', join(folder, 'log'), '-w', '-t', '30', 'start']);
  return {
    async restart(whileDown) {
      asOwner('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      try {
        await whileDown?.();
      } finally {
        start();
      }
    },
    connectionString: `postgres://${user}@localhost/postgres?host=${encodeURIComponent(folder)}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

/** Creates a database with a random name on a given server; stop() drops it. */
async function freshDatabaseOn(serverUrl: string): Promise<TestPostgres> {
  const { default: pg } = await import('pg');
  const name = `feedmill_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    connectionString: url.toString(),
    async stop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
