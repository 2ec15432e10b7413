import { readFileSync } from 'node:fs';
import { type Diagnostic, FeedmillError } from '../errors.ts';
import type { Fetcher } from '../fetch/index.ts';
import { fetchInstanceJson } from './fetch-instance-json.ts';
import { instanceLabel, type RsshubInstance } from './instances.ts';
import { type RadarRules, readRadarRules } from './radar-rules.ts';
import type { LoadedRadarRules, RadarRulesCache } from './radar-rules-cache.ts';

/** Where Radar rules may come from. */
export interface RadarRulesSources {
  instances: readonly RsshubInstance[];
  /** A fetcher that already masks access keys. */
  fetcher: Fetcher;
  cache?: RadarRulesCache;
  ttlMs: number;
  now: () => Date;
  /** Skip a fresh cache. */
  refresh?: boolean;
  /** A rules file (the JSON an instance serves) used instead of any instance. */
  file?: string;
}

/** The rules (if any source had them), where they came from, and what went wrong on the way. */
export interface RadarRulesLoad {
  rules?: LoadedRadarRules;
  from: 'file' | 'cache' | 'instance' | 'stale-cache' | 'none';
  diagnostics: Diagnostic[];
}

/**
 * Loads RSSHub Radar rules: a rules file when given; else a fresh cache, else each instance's
 * /api/radar/rules in order (written to the cache), else a stale cache.
 */
export async function loadRadarRules(sources: RadarRulesSources): Promise<RadarRulesLoad> {
  const diagnostics: Diagnostic[] = [];
  const now = sources.now();
  if (sources.file !== undefined) {
    let rules: RadarRules;
    try {
      rules = readRadarRules(JSON.parse(readFileSync(sources.file, 'utf8')) as unknown, diagnostics);
    } catch (error) {
      // The user named this file: a file that cannot be used is their input's error, not a fallback.
      throw new FeedmillError(
        'USAGE',
        `cannot read Radar rules from ${sources.file}: ${(error as Error).message}`,
      );
    }
    return { rules: { source: sources.file, loadedAt: now.toISOString(), rules }, from: 'file', diagnostics };
  }
  const cached = sources.cache?.read();
  if (cached && !sources.refresh && now.getTime() - Date.parse(cached.loadedAt) < sources.ttlMs) {
    return { rules: cached, from: 'cache', diagnostics };
  }
  for (const instance of sources.instances) {
    try {
      const rules = await fetchRadarRules(sources.fetcher, instance, diagnostics);
      if (Object.keys(rules).length === 0) throw new Error('it lists no rules');
      const loaded = {
        source: `${instanceLabel(instance).replace(/\/+$/, '')}/api/radar/rules`,
        loadedAt: now.toISOString(),
        rules,
      };
      sources.cache?.write(loaded);
      return { rules: loaded, from: 'instance', diagnostics };
    } catch (error) {
      diagnostics.push({
        code: 'rsshub-radar-unavailable',
        message: `no Radar rules from ${instanceLabel(instance)}: ${(error as Error).message}`,
      });
    }
  }
  if (cached) {
    diagnostics.push({
      code: 'rsshub-radar-unavailable',
      message: `using the cached Radar rules of ${cached.loadedAt}`,
    });
    return { rules: cached, from: 'stale-cache', diagnostics };
  }
  return { from: 'none', diagnostics };
}

async function fetchRadarRules(fetcher: Fetcher, instance: RsshubInstance, diagnostics: Diagnostic[]) {
  return readRadarRules(await fetchInstanceJson(fetcher, instance, '/api/radar/rules'), diagnostics);
}
