import type { StoredInstanceHealth } from './async-store.ts';

/** The columns of an instance's health, in the order `healthValues` gives them. */
export const HEALTH_COLUMNS =
  'instance, consecutive_failures, cooling_until, last_error, last_failure, last_success';

/** An instance health row as both backends store it. */
export interface HealthRow {
  instance: string;
  consecutive_failures: number;
  cooling_until: string | null;
  last_error: string | null;
  last_failure: string | null;
  last_success: string | null;
}

/** The values of `HEALTH_COLUMNS` for one instance. */
export function healthValues(health: StoredInstanceHealth): [string, number, ...(string | null)[]] {
  return [
    health.instance,
    health.consecutiveFailures,
    health.coolingUntil ?? null,
    health.lastError ?? null,
    health.lastFailure ?? null,
    health.lastSuccess ?? null,
  ];
}

/** A stored row as the interface gives it (absent values left out). */
export function toHealth(row: HealthRow): StoredInstanceHealth {
  const health: StoredInstanceHealth = {
    instance: row.instance,
    consecutiveFailures: row.consecutive_failures,
  };
  if (row.cooling_until) health.coolingUntil = row.cooling_until;
  if (row.last_error) health.lastError = row.last_error;
  if (row.last_failure) health.lastFailure = row.last_failure;
  if (row.last_success) health.lastSuccess = row.last_success;
  return health;
}
