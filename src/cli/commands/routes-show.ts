import { parseArgs } from 'node:util';
import { FeedmillError } from '../../errors.ts';
import { type CatalogueRoute, categoryLabel, findRoute, routeCategories } from '../../rsshub/index.ts';
import type { Output } from '../output.ts';
import { loadRoutesContext, routesJson } from './routes-catalogue.ts';

/** `feedmill routes show <path>`: everything the catalogue knows about one route. */
export async function routesShow(argv: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { config: { type: 'string', short: 'c', default: 'feedmill.yml' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const [path] = positionals;
  if (!path || positionals.length > 1) throw new FeedmillError('USAGE', 'routes show needs one route path');
  const { catalogue, labels } = await loadRoutesContext(values.config, output);
  const route = findRoute(catalogue, path);
  if (!route) {
    throw new FeedmillError('USAGE', `route ${path} is not in the catalogue (try feedmill routes search)`);
  }
  if (values.json) {
    output.out(routesJson([route], labels));
    return 0;
  }
  const lines = [
    `route:       ${route.path}`,
    `name:        ${route.name}${otherNames(route, 'route')}`,
    `site:        ${route.namespaceName}${otherNames(route, 'site')} (${route.namespace})${route.url ? ` ${route.url}` : ''}`,
    `categories:  ${route.categories.map((key) => `${key} (${categoryLabel(key, labels)})`).join(', ') || route.categoryTitle || '-'}`,
    `filed under: ${routeCategories(route, labels).join(' / ')}`,
    `example:     ${route.example ?? '-'}`,
  ];
  const parameters = Object.entries(route.parameters);
  if (parameters.length > 0) {
    lines.push('parameters:');
    for (const [name, description] of parameters) lines.push(`  ${name}: ${description || '-'}`);
  }
  if (route.maintainers.length > 0) lines.push(`maintainers: ${route.maintainers.join(', ')}`);
  lines.push(`catalogue:   ${catalogue.source} (${catalogue.loadedAt})`);
  output.out(`${lines.join('\n')}\n`);
  return 0;
}

/** ` (zh: 名字, ja: 名前)`: the route's or site's names in RSSHub's other languages, if any. */
function otherNames(route: CatalogueRoute, which: 'site' | 'route'): string {
  const names = Object.entries(route.translations ?? {}).flatMap(([lang, names]) =>
    names[which] === undefined ? [] : [`${lang}: ${names[which]}`],
  );
  return names.length === 0 ? '' : ` (${names.join(', ')})`;
}
