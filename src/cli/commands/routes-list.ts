import { parseArgs } from 'node:util';
import { CATEGORY_KEYS, type CatalogueRoute, categoryKeyOf } from '../../rsshub/index.ts';
import type { Output } from '../output.ts';
import { describeRoutes, loadRoutesContext, routesJson } from './routes-catalogue.ts';

/** `feedmill routes list [--category KEY]`: every route, or those of one category (key or label). */
export async function routesList(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      category: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const { catalogue, labels } = await loadRoutesContext(values.config, output);
  let routes: CatalogueRoute[] = catalogue.routes;
  if (values.category !== undefined) {
    const wanted = values.category.trim();
    const key = categoryKeyOf(wanted) ?? wanted;
    routes = routes.filter((route) => route.categories.includes(key) || route.categoryTitle === wanted);
    if (routes.length === 0) {
      output.err(`no route in category "${wanted}"; known keys: ${CATEGORY_KEYS.join(', ')}\n`);
      return 0;
    }
  }
  output.out(values.json ? routesJson(routes, labels) : describeRoutes(routes, labels));
  return 0;
}
