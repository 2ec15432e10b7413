import { existsSync } from 'node:fs';
import {
  applyInstanceHealthChange,
  type InstanceHealthChange,
  openStateDatabase,
  SqliteDatabase,
} from '../store/index.ts';

/** What feedmill remembers of one RSSHub instance across runs (its key never included). */
export interface InstanceHealth {
  /** The instance's base URL as shown in reports (any key masked). */
  instance: string;
  /** Failures (5xx, 429, timeouts, network errors) since its last answer. */
  consecutiveFailures: number;
  /** Until when it is skipped while another instance is not cooling down (ISO 8601). */
  coolingUntil?: string;
  /** The last failure, as a code and status, never a URL. */
  lastError?: string;
  lastFailure?: string;
  lastSuccess?: string;
}

/** When an instance is cooled down, and for how long. */
export interface CooldownPolicy {
  /** Failures in a row (across feeds and runs) that start a cool-down. */
  after: number;
  /** The cool-down; a longer Retry-After wins, up to a day. */
  durationMs: number;
}

/** What one fetch from an instance says about its health. */
export type InstanceOutcome =
  | { kind: 'answered' }
  /** Says nothing about the instance (a 404 or a 410 belongs to the route). */
  | { kind: 'neutral' }
  | { kind: 'failed'; error: string; retryAfterMs?: number };

const MAX_COOLDOWN_MS = 24 * 3_600_000;

/** Whether the instance is cooling down at `now`. */
export function isCooling(health: InstanceHealth | undefined, now: Date): boolean {
  return health?.coolingUntil !== undefined && Date.parse(health.coolingUntil) > now.getTime();
}

/**
 * One outcome as a change to the stored row (none for a neutral outcome): a failure carries
 * the cool-down it would start, `durationMs` or the server's Retry-After when longer (at most
 * a day), from the `after`-th failure in a row on (or any later one, after a cool-down ran out).
 */
export function changeOf(
  outcome: InstanceOutcome,
  now: Date,
  policy: CooldownPolicy,
): InstanceHealthChange | undefined {
  if (outcome.kind === 'neutral') return undefined;
  const at = now.toISOString();
  if (outcome.kind === 'answered') return { kind: 'answered', at };
  const span = Math.min(MAX_COOLDOWN_MS, Math.max(policy.durationMs, outcome.retryAfterMs ?? 0));
  return {
    kind: 'failed',
    at,
    error: outcome.error,
    coolAfter: policy.after,
    coolingUntil: new Date(now.getTime() + span).toISOString(),
  };
}

/**
 * The instance's health after one outcome: an answer clears failures and cool-down; a failure
 * counts, and the `after`-th in a row (or any later one) starts a cool-down (see changeOf).
 */
export function nextHealth(
  health: InstanceHealth,
  outcome: InstanceOutcome,
  now: Date,
  policy: CooldownPolicy,
): InstanceHealth {
  const change = changeOf(outcome, now, policy);
  return change === undefined ? health : applyInstanceHealthChange(health, change);
}

/** The instance health rows of a state database: read, and written one at a time. */
export interface InstanceHealthStore {
  read(): InstanceHealth[];
  /**
   * Stores the row after `change` (the outcome that made it, when it came from one): a store
   * other processes write too applies the change to its own row instead (see
   * InstanceHealthChange), and hands the result back through `readAgain`.
   */
  write(health: InstanceHealth, change: InstanceHealthChange): void;
  close(): void;
  /**
   * Rows read again since the last call, which other processes may have written (workers
   * sharing PostgreSQL); none when nothing else writes (`run` holds the site lock).
   */
  readAgain?(): readonly InstanceHealth[];
}

/** When the instance last answered or failed (0 if never): the later of two rows is the current one. */
export function lastHeard(health: InstanceHealth): number {
  return Math.max(
    health.lastFailure === undefined ? 0 : Date.parse(health.lastFailure) || 0,
    health.lastSuccess === undefined ? 0 : Date.parse(health.lastSuccess) || 0,
  );
}

type HealthRow = {
  instance: string;
  consecutive_failures: number;
  cooling_until: string | null;
  last_error: string | null;
  last_failure: string | null;
  last_success: string | null;
};
const SELECT_HEALTH =
  'SELECT instance, consecutive_failures, cooling_until, last_error, last_failure, last_success FROM rsshub_instances ORDER BY instance';

/**
 * Opens the rows in the state database at `statePath`. Read-only (dry runs, `status`) never
 * creates or changes the database: a missing one or one without the table reads as empty,
 * and writes are kept in memory only.
 */
export function openInstanceHealthStore(
  statePath: string,
  options: { readOnly?: boolean } = {},
): InstanceHealthStore {
  if (options.readOnly) {
    const rows = readOnlyRows(statePath);
    return { read: () => rows, write() {}, close() {} };
  }
  const db = openStateDatabase(statePath);
  const select = db.prepare<[], HealthRow>(SELECT_HEALTH);
  const upsert = db.prepare(
    `INSERT INTO rsshub_instances (instance, consecutive_failures, cooling_until, last_error, last_failure, last_success)
     VALUES (@instance, @failures, @coolingUntil, @lastError, @lastFailure, @lastSuccess)
     ON CONFLICT (instance) DO UPDATE SET consecutive_failures = excluded.consecutive_failures,
       cooling_until = excluded.cooling_until, last_error = excluded.last_error,
       last_failure = excluded.last_failure, last_success = excluded.last_success`,
  );
  return {
    read: () => select.all().map(toHealth),
    write(health) {
      upsert.run({
        instance: health.instance,
        failures: health.consecutiveFailures,
        coolingUntil: health.coolingUntil ?? null,
        lastError: health.lastError ?? null,
        lastFailure: health.lastFailure ?? null,
        lastSuccess: health.lastSuccess ?? null,
      });
    },
    close() {
      db.close();
    },
  };
}

function readOnlyRows(statePath: string): InstanceHealth[] {
  if (statePath === ':memory:' || !existsSync(statePath)) return [];
  try {
    const db = new SqliteDatabase(statePath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[], HealthRow>(SELECT_HEALTH).all().map(toHealth);
    } finally {
      db.close();
    }
  } catch {
    return []; // a database from before the table
  }
}

function toHealth(row: HealthRow): InstanceHealth {
  const health: InstanceHealth = { instance: row.instance, consecutiveFailures: row.consecutive_failures };
  if (row.cooling_until) health.coolingUntil = row.cooling_until;
  if (row.last_error) health.lastError = row.last_error;
  if (row.last_failure) health.lastFailure = row.last_failure;
  if (row.last_success) health.lastSuccess = row.last_success;
  return health;
}
