import type { StoredInstanceHealth } from './async-store.ts';

/**
 * One outcome of a request to an RSSHub instance, as a change to apply to whatever row is
 * stored, not as the row one process computed: workers sharing PostgreSQL each see only their
 * own failures, and overwriting the row with each one's count lost the others'.
 */
export type InstanceHealthChange =
  | { kind: 'answered'; at: string }
  | {
      kind: 'failed';
      at: string;
      /** A code and status, never a URL. */
      error: string;
      /** Failures in a row from which each failure (re)starts a cool-down. */
      coolAfter: number;
      /** When a cool-down this failure starts ends. */
      coolingUntil: string;
    };

/**
 * The row after the change: an answer clears the failures and any cool-down; a failure adds
 * one, and from the `coolAfter`-th in a row on sets the cool-down's end (else keeps the row's).
 * The PostgreSQL store applies the same rule in its upsert.
 */
export function applyInstanceHealthChange(
  health: StoredInstanceHealth,
  change: InstanceHealthChange,
): StoredInstanceHealth {
  if (change.kind === 'answered') {
    return { instance: health.instance, consecutiveFailures: 0, lastSuccess: change.at };
  }
  const failures = health.consecutiveFailures + 1;
  const next: StoredInstanceHealth = {
    ...health,
    consecutiveFailures: failures,
    lastError: change.error,
    lastFailure: change.at,
  };
  if (failures >= change.coolAfter) next.coolingUntil = change.coolingUntil;
  return next;
}
