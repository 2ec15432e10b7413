import { parseArgs } from 'node:util';
import type { Output } from '../output.ts';
import { loadRoutesContext } from './routes-catalogue.ts';

/** `feedmill routes update`: reloads the catalogue from the instances (or docs) into the cache. */
export async function routesUpdate(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string', short: 'c', default: 'feedmill.yml' } },
    strict: true,
  });
  const { catalogue, load } = await loadRoutesContext(values.config, output, true);
  const namespaces = new Set(catalogue.routes.map((route) => route.namespace)).size;
  const summary = `${catalogue.routes.length} routes in ${namespaces} namespaces from ${catalogue.source}`;
  if (load.from === 'stale-cache') {
    output.err(`error: could not refresh the catalogue; the cached one stays (${summary})\n`);
    return 1;
  }
  output.out(`route catalogue updated: ${summary}\n`);
  return 0;
}
