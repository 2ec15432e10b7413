import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Diagnostic, FeedmillError } from '../errors.ts';
import type { Fetcher } from '../fetch/index.ts';
import type { Catalogue, CatalogueRoute } from './catalogue.ts';
import type { CatalogueCache } from './catalogue-cache.ts';
import { fetchInstanceJson } from './fetch-instance-json.ts';
import { instanceLabel, type RsshubInstance } from './instances.ts';
import { readDocsPage } from './read-docs-page.ts';
import { readNamespaceApi } from './read-namespace-api.ts';

/** Where a catalogue may come from, in the order they are tried. */
export interface CatalogueSources {
  instances: readonly RsshubInstance[];
  /** Absolute paths of docs pages (or folders of them) on disk. */
  docs: readonly string[];
  /** A fetcher that already masks access keys. */
  fetcher: Fetcher;
  cache?: CatalogueCache;
  /** How long a cached catalogue is used without asking an instance again. */
  ttlMs: number;
  now: () => Date;
  /** Skip a fresh cache (`feedmill routes update`). */
  refresh?: boolean;
}

/** The catalogue (if any source had one), where it came from, and what went wrong on the way. */
export interface CatalogueLoad {
  catalogue?: Catalogue;
  from: 'cache' | 'instance' | 'docs' | 'stale-cache' | 'none';
  diagnostics: Diagnostic[];
}

/**
 * Loads the route catalogue: a fresh cache, else each instance's /api/namespace in order,
 * else the docs pages, else a stale cache. A new catalogue is written to the cache.
 */
export async function loadCatalogue(sources: CatalogueSources): Promise<CatalogueLoad> {
  const diagnostics: Diagnostic[] = [];
  const cached = sources.cache?.read();
  const now = sources.now();
  if (cached && !sources.refresh && now.getTime() - Date.parse(cached.loadedAt) < sources.ttlMs) {
    return { catalogue: cached, from: 'cache', diagnostics };
  }
  const store = (catalogue: Catalogue) => {
    sources.cache?.write(catalogue);
    return catalogue;
  };
  for (const instance of sources.instances) {
    try {
      const routes = await fetchNamespaces(sources.fetcher, instance, diagnostics);
      if (routes.length === 0) throw new Error('it lists no routes');
      const source = `${instanceLabel(instance).replace(/\/+$/, '')}/api/namespace`;
      return {
        catalogue: store({ source, loadedAt: now.toISOString(), routes }),
        from: 'instance',
        diagnostics,
      };
    } catch (error) {
      diagnostics.push({
        code: 'rsshub-catalogue-unavailable',
        message: `no route catalogue from ${instanceLabel(instance)}: ${(error as Error).message}`,
      });
    }
  }
  if (sources.docs.length > 0) {
    const routes = readDocs(sources.docs, diagnostics);
    if (routes.length > 0) {
      const catalogue = { source: sources.docs.join(', '), loadedAt: now.toISOString(), routes };
      return { catalogue: store(catalogue), from: 'docs', diagnostics };
    }
  }
  if (cached) {
    diagnostics.push({
      code: 'rsshub-catalogue-stale',
      message: `using the cached catalogue of ${cached.loadedAt}`,
    });
    return { catalogue: cached, from: 'stale-cache', diagnostics };
  }
  return { from: 'none', diagnostics };
}

/** One instance's /api/namespace as catalogue routes; throws with the reason when it has none to give. */
export async function fetchNamespaces(
  fetcher: Fetcher,
  instance: RsshubInstance,
  diagnostics: Diagnostic[],
): Promise<CatalogueRoute[]> {
  const json = await fetchInstanceJson(fetcher, instance, '/api/namespace');
  return readNamespaceApi(json, diagnostics);
}

/** Reads every docs page listed (a folder stands for the `.md` files in it, recursively). */
function readDocs(paths: readonly string[], diagnostics: Diagnostic[]): CatalogueRoute[] {
  const routes: CatalogueRoute[] = [];
  for (const path of paths) {
    for (const file of markdownFiles(path, diagnostics)) {
      try {
        routes.push(...readDocsPage(readFileSync(file, 'utf8'), diagnostics, file));
      } catch (error) {
        diagnostics.push({
          code: 'rsshub-docs-unreadable',
          message: `cannot read ${file}: ${(error as Error).message}`,
        });
      }
    }
  }
  return routes;
}

function markdownFiles(path: string, diagnostics: Diagnostic[]): string[] {
  try {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => join(path, name));
  } catch (error) {
    diagnostics.push({
      code: 'rsshub-docs-unreadable',
      message: `cannot read ${path}: ${(error as Error).message}`,
    });
    return [];
  }
}

/** Fails when no source gave a catalogue, for commands that cannot go on without one. */
export function requireCatalogue(load: CatalogueLoad): Catalogue {
  if (load.catalogue) return load.catalogue;
  throw new FeedmillError(
    'RSSHUB_CATALOGUE_UNAVAILABLE',
    `no RSSHub route catalogue could be loaded${load.diagnostics.length ? `:\n${load.diagnostics.map((d) => `  ${d.message}`).join('\n')}` : ' (configure rsshub.instances or rsshub.docs)'}`,
  );
}
