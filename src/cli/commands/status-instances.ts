import type { LoadedConfig } from '../../config/index.ts';
import {
  type InstanceHealth,
  instanceLabel,
  isCooling,
  openInstanceHealthStore,
  toInstances,
} from '../../rsshub/index.ts';
import { formatTable } from '../format-table.ts';

/** One configured RSSHub instance in `feedmill status`: what the state remembers of it. */
export interface InstanceStatusRow extends InstanceHealth {
  /** `cooling` while skipped, `failing` with failures not yet enough for a cool-down. */
  state: 'ok' | 'failing' | 'cooling' | 'never-used';
}

/** The configured instances (keys masked) with their recorded health; reads the state only. */
export function collectInstanceStatus(loaded: LoadedConfig, now = new Date()): InstanceStatusRow[] {
  return instanceStatusRows(
    loaded,
    openInstanceHealthStore(loaded.statePath, { readOnly: true }).read(),
    now,
  );
}

/** The configured instances (keys masked), each with its row of `recorded` if it has one. */
export function instanceStatusRows(
  loaded: Pick<LoadedConfig, 'config'>,
  recorded: readonly InstanceHealth[],
  now: Date,
): InstanceStatusRow[] {
  const stored = new Map(recorded.map((row) => [row.instance, row]));
  return toInstances(loaded.config.rsshub.instances).map((instance) => {
    const label = instanceLabel(instance);
    const health = stored.get(label);
    if (!health) return { instance: label, consecutiveFailures: 0, state: 'never-used' };
    const state = isCooling(health, now) ? 'cooling' : health.consecutiveFailures > 0 ? 'failing' : 'ok';
    return { ...health, state };
  });
}

/** A table of the instances that are cooling down or failing; empty when all are fine. */
export function formatInstanceStatus(rows: readonly InstanceStatusRow[]): string {
  const troubled = rows.filter((row) => row.state === 'cooling' || row.state === 'failing');
  if (troubled.length === 0) return '';
  return `\n${formatTable(
    ['RSSHUB INSTANCE', 'STATE', 'FAILURES IN A ROW', 'LAST ERROR', 'SKIPPED UNTIL'],
    troubled.map((row) => [
      row.instance,
      row.state === 'cooling' ? 'COOLING DOWN' : 'failing',
      String(row.consecutiveFailures),
      row.lastError ? `${row.lastError}${row.lastFailure ? ` at ${row.lastFailure}` : ''}` : '-',
      row.state === 'cooling' ? (row.coolingUntil ?? '-') : '-',
    ]),
  )}`;
}
