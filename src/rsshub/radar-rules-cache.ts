import { openStateDatabase } from '../store/index.ts';
import type { RadarRules } from './radar-rules.ts';

/** Radar rules as loaded: where from, when, and the rules. */
export interface LoadedRadarRules {
  /** `https://instance/api/radar/rules` (key redacted) or the rules file. */
  source: string;
  /** When they were loaded (ISO 8601). */
  loadedAt: string;
  rules: RadarRules;
}

/**
 * The Radar rules cache: one row in the state database beside the catalogue, so that
 * `feedmill add` asks an instance for its (large) rules once per `rsshub.catalogue_ttl_hours`.
 */
export interface RadarRulesCache {
  read(): LoadedRadarRules | undefined;
  write(rules: LoadedRadarRules): void;
  close(): void;
}

type RadarRow = { source: string; loaded_at: string; rules: string };
const SELECT_RULES = 'SELECT source, loaded_at, rules FROM rsshub_radar_rules WHERE id = 1';

/** Opens the cache in the state database at `statePath` (created and migrated when missing). */
export function openRadarRulesCache(statePath: string): RadarRulesCache {
  const db = openStateDatabase(statePath);
  const select = db.prepare<[], RadarRow>(SELECT_RULES);
  const upsert = db.prepare(
    `INSERT INTO rsshub_radar_rules (id, source, loaded_at, rules) VALUES (1, @source, @loadedAt, @rules)
     ON CONFLICT (id) DO UPDATE SET source = excluded.source, loaded_at = excluded.loaded_at, rules = excluded.rules`,
  );
  return {
    read: () => toLoaded(select.get()),
    write(loaded) {
      upsert.run({ source: loaded.source, loadedAt: loaded.loadedAt, rules: JSON.stringify(loaded.rules) });
    },
    close() {
      db.close();
    },
  };
}

/** A damaged row is a miss, not an error: the rules are fetched again. */
function toLoaded(row: RadarRow | undefined): LoadedRadarRules | undefined {
  if (!row || Number.isNaN(Date.parse(row.loaded_at))) return undefined;
  try {
    const rules = JSON.parse(row.rules) as unknown;
    if (!rules || typeof rules !== 'object' || Array.isArray(rules)) return undefined;
    return { source: row.source, loadedAt: row.loaded_at, rules: rules as RadarRules };
  } catch {
    return undefined;
  }
}
