import { parseArgs } from 'node:util';
import { FeedmillError } from '../../errors.ts';
import { routeCategoryLabel, searchRoutes } from '../../rsshub/index.ts';
import type { Output } from '../output.ts';
import { describeRoutes, loadRoutesContext, routesJson } from './routes-catalogue.ts';

/** `feedmill routes search <text>`: routes whose path, name, site or category contains the text. */
export async function routesSearch(argv: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { config: { type: 'string', short: 'c', default: 'feedmill.yml' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const text = positionals.join(' ').trim();
  if (!text) throw new FeedmillError('USAGE', 'routes search needs the text to look for');
  const { catalogue, labels } = await loadRoutesContext(values.config, output);
  const found = searchRoutes(catalogue, text, (route) => [routeCategoryLabel(route, labels)]);
  if (values.json) output.out(routesJson(found, labels));
  else if (found.length === 0) output.err(`no route matches "${text}"\n`);
  else output.out(describeRoutes(found, labels));
  return 0;
}
