import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { FeedmillError } from '../../errors.ts';
import {
  type CatalogueRoute,
  fillPattern,
  findRoute,
  hasPlaceholders,
  localNames,
  patternParams,
} from '../../rsshub/index.ts';
import type { Output } from '../output.ts';
import { addToConfig } from './add-to-config.ts';
import { loadRoutesContext } from './routes-catalogue.ts';

/** Asks the user one question on the terminal and resolves to the answer line. */
export type AskLine = (question: string) => Promise<string>;

/**
 * `feedmill routes add <path> [--param k=v]…`: subscribes to a route in feedmill.yml, comments
 * kept. Required parameters left out are asked for through `ask` (a terminal), else refused.
 */
export async function routesAdd(
  argv: string[],
  output: Output,
  ask: AskLine | undefined = process.stdin.isTTY ? askOnTerminal : undefined,
): Promise<number> {
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
  const { loaded, catalogue, labels } = await loadRoutesContext(values.config, output);
  const route = findRoute(catalogue, path);
  if (!route) {
    throw new FeedmillError('USAGE', `route ${path} is not in the catalogue (try feedmill routes search)`);
  }
  const concrete = await concretePath(path, route, params, ask);
  const names = localNames(route, labels.lang);
  const plain = `${names.site} ${names.route}`;
  return addToConfig(loaded, { url: `rsshub:${concrete}`, name: plain, label: names.route }, output);
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
 * --param and, on a terminal, from answers for the required parameters still missing.
 */
async function concretePath(
  path: string,
  route: CatalogueRoute,
  params: Record<string, string>,
  ask: AskLine | undefined,
): Promise<string> {
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
  const required = patternParams(route.path).filter((param) => !param.optional && !params[param.name]);
  if (ask) {
    for (const { name } of required) {
      const description = route.parameters[name];
      const answer = (await ask(`${name}${description ? ` (${description})` : ''}: `)).trim();
      if (answer) params[name] = answer;
    }
  }
  const filled = fillPattern(route.path, params);
  if (filled.kind === 'filled') return filled.path;
  const missing = patternParams(route.path).filter((param) => !param.optional && !params[param.name]);
  const listed = missing.map(({ name }) =>
    route.parameters[name] ? `  ${name}: ${route.parameters[name]}` : `  ${name}`,
  );
  const usage = missing.map(({ name }) => `--param ${name}=…`).join(' ');
  throw new FeedmillError(
    'USAGE',
    missing.length > 0
      ? `${route.path} needs parameters it was not given:\n${listed.join('\n')}\npass them as ${usage}${route.example ? ` (example: ${route.example})` : ''}`
      : `${route.path} cannot be filled: ${filled.names.join(', ')}`,
  );
}

/** Prompts on stderr (stdout stays the command's output) and reads one line from stdin. */
export async function askOnTerminal(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}
