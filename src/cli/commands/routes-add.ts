import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseConfig } from '../../config/index.ts';
import { FeedmillError } from '../../errors.ts';
import {
  type CatalogueRoute,
  fillPattern,
  findRoute,
  hasPlaceholders,
  patternParams,
} from '../../rsshub/index.ts';
import { addFeedEntry } from '../../subscriptions/index.ts';
import type { Output } from '../output.ts';
import { writeFileAtomic } from '../write-file-atomic.ts';
import { loadRoutesContext } from './routes-catalogue.ts';

/** `feedmill routes add <path> [--param k=v]…`: subscribes to a route in feedmill.yml, comments kept. */
export async function routesAdd(argv: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      param: { type: 'string', short: 'p', multiple: true },
    },
    allowPositionals: true,
    strict: true,
  });
  const [path] = positionals;
  if (!path || positionals.length > 1) throw new FeedmillError('USAGE', 'routes add needs one route path');
  const params = parseParams(values.param ?? []);
  const { loaded, catalogue } = await loadRoutesContext(values.config, output);
  const route = findRoute(catalogue, path);
  if (!route) {
    throw new FeedmillError('USAGE', `route ${path} is not in the catalogue (try feedmill routes search)`);
  }
  const concrete = concretePath(path, route, params);
  const url = `rsshub:${concrete}`;
  const text = readFileSync(loaded.file, 'utf8');
  const result = addFeedEntry(text, { url, name: `${route.namespaceName} ${route.name}` });
  if (result.kind === 'exists') {
    output.out(`already subscribed: ${url} (feeds[${result.index}])\n`);
    return 0;
  }
  parseConfig(result.text, loaded.file); // never write a config feedmill itself would refuse
  writeFileAtomic(loaded.file, result.text);
  output.out(`added ${url} (${route.name}) to ${loaded.file}\n`);
  return 0;
}

function parseParams(pairs: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new FeedmillError('USAGE', `--param takes name=value, got "${pair}"`);
    params[pair.slice(0, equals).trim()] = pair.slice(equals + 1);
  }
  return params;
}

/**
 * The path to subscribe to: a concrete path as given; else the route's pattern filled from
 * --param; else, with no parameters given, the route's example (as the old generator did).
 */
function concretePath(path: string, route: CatalogueRoute, params: Record<string, string>): string {
  const given = Object.keys(params);
  if (given.length === 0 && !hasPlaceholders(path)) return path.startsWith('/') ? path : `/${path}`;
  const known = new Set(patternParams(route.path).map((param) => param.name));
  const unknown = given.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new FeedmillError(
      'USAGE',
      `${route.path} has no parameter ${unknown.join(', ')} (it takes: ${[...known].join(', ') || 'none'})`,
    );
  }
  const filled = fillPattern(route.path, params);
  if (filled.kind === 'filled') return filled.path;
  if (given.length === 0 && route.example) return route.example;
  throw new FeedmillError('USAGE', `${route.path} needs --param for ${filled.names.join(', ')}`);
}
