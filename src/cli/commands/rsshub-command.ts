import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, requireSqliteState } from '../../config/index.ts';
import { FeedmillError } from '../../errors.ts';
import { createFetcher } from '../../fetch/index.ts';
import { fetchOptionsOf } from '../../pipeline/index.ts';
import {
  checkInstance,
  hasPlaceholders,
  type InstanceCheck,
  type InstanceHealth,
  instanceSecrets,
  isCooling,
  openInstanceHealthStore,
  redactingFetcher,
  redactOutgoing,
  toInstances,
  withRouteQuery,
} from '../../rsshub/index.ts';
import { applyInstanceHealthChange, type InstanceHealthChange } from '../../store/index.ts';
import { formatTable } from '../format-table.ts';
import type { Output } from '../output.ts';
import { userAgent } from '../version.ts';

/** Checked when no feed subscribes to a route: a route of RSSHub's own namespace. */
export const SAMPLE_ROUTE = '/rsshub/routes';

export const RSSHUB_HELP = `Usage: feedmill rsshub check [--route /path]... [--json]

Checks each instance of rsshub.instances: whether it answers (and how fast), its version
(when its welcome page shows it), whether its /api/namespace catalogue loads, whether each
subscribed route (else ${SAMPLE_ROUTE}) answers with a feed there, and whether its access key
is accepted (the key itself is never shown). Also shows an instance's cool-down; a healthy
instance is released from it. Exit code 0 when at least one instance is healthy, else 1.

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
      --route PATH    check this route instead of the subscribed ones (repeatable)
      --json          print the checks as JSON
  -h, --help          show this help

Examples:
  feedmill rsshub check
  feedmill rsshub check --route /github/issue/DIYgod/RSSHub
`;

/** `feedmill rsshub <subcommand>`. */
export async function rsshubCommand(argv: string[], output: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (
    name === undefined ||
    name === '-h' ||
    name === '--help' ||
    rest.includes('-h') ||
    rest.includes('--help')
  ) {
    output.out(RSSHUB_HELP);
    return name === undefined ? 2 : 0;
  }
  if (name !== 'check') {
    throw new FeedmillError('USAGE', `unknown rsshub subcommand "${name}" (see feedmill rsshub --help)`);
  }
  return rsshubCheck(rest, output);
}

async function rsshubCheck(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      route: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const loaded = requireSqliteState(loadConfig(values.config), 'rsshub');
  const instances = toInstances(loaded.config.rsshub.instances);
  const secrets = instanceSecrets(instances);
  const routes = values.route?.length ? values.route : subscribedRoutes(loaded.config.feeds);
  const fetcher = redactingFetcher(createFetcher(fetchOptionsOf(loaded.config, userAgent())), secrets);
  let checks: InstanceCheck[];
  try {
    checks = await Promise.all(instances.map((instance) => checkInstance(instance, routes, fetcher)));
  } finally {
    fetcher.close?.();
  }
  const cooling = releaseHealthy(loaded.statePath, checks);
  const rows = checks.map((check) => ({ ...check, coolingUntil: cooling.get(check.instance) }));
  // Everything printed passes the mask once more: keys must not leak through any message.
  const print = (text: string) => output.out(redactOutgoing(text, secrets));
  if (values.json) print(`${JSON.stringify({ instances: rows }, null, 2)}\n`);
  else print(describeChecks(rows));
  return checks.some((check) => check.healthy) ? 0 : 1;
}

/** The routes the config subscribes to, with their RSSHub query parameters; the sample route when none. */
function subscribedRoutes(
  feeds: readonly { url: string; rsshub?: Parameters<typeof withRouteQuery>[1] }[],
): string[] {
  const routes = feeds
    // A pattern (`/github/issue/:user/:repo`) is filled from the catalogue at run time: not checked.
    .filter((feed) => feed.url.startsWith('rsshub:') && !hasPlaceholders(feed.url.slice('rsshub:'.length)))
    .map((feed) => withRouteQuery(feed.url.slice('rsshub:'.length).trim(), feed.rsshub));
  return routes.length > 0 ? [...new Set(routes)] : [SAMPLE_ROUTE];
}

/**
 * A healthy instance found cooling down is released (its failures cleared), so the next run
 * uses it again. Returns the cool-downs still in force. Never creates the state database.
 */
function releaseHealthy(statePath: string, checks: readonly InstanceCheck[]): Map<string, string> {
  const store = openInstanceHealthStore(statePath, { readOnly: !existsSync(statePath) });
  const now = new Date();
  const cooling = new Map<string, string>();
  try {
    const stored = new Map<string, InstanceHealth>(store.read().map((row) => [row.instance, row]));
    for (const check of checks) {
      const health = stored.get(check.instance);
      if (!health || !isCooling(health, now)) continue;
      if (check.healthy) {
        const answered: InstanceHealthChange = { kind: 'answered', at: now.toISOString() };
        store.write(applyInstanceHealthChange(health, answered), answered);
      } else if (health.coolingUntil) cooling.set(check.instance, health.coolingUntil);
    }
  } finally {
    store.close();
  }
  return cooling;
}

function describeChecks(rows: readonly (InstanceCheck & { coolingUntil?: string | undefined })[]): string {
  const table = formatTable(
    ['INSTANCE', 'HEALTHY', 'REACHABLE', 'VERSION', 'CATALOGUE', 'ROUTES', 'KEY', 'COOL-DOWN'],
    rows.map((row) => [
      row.instance,
      row.healthy ? 'yes' : 'NO',
      row.reachable
        ? `${row.latencyMs ?? '?'} ms${row.problem ? ` (${row.problem})` : ''}`
        : `no: ${row.problem ?? 'no answer'}`,
      row.version ?? '-',
      'routes' in row.catalogue
        ? `${row.catalogue.routes} routes`
        : row.reachable
          ? `no: ${row.catalogue.error}`
          : '-',
      row.reachable ? `${row.routes.filter((route) => route.ok).length}/${row.routes.length} answer` : '-',
      row.key,
      row.coolingUntil ? `until ${row.coolingUntil}` : '-',
    ]),
  );
  const failures = rows.flatMap((row) =>
    row.routes
      .filter((route) => !route.ok)
      .map((route) => `  ${row.instance}: ${route.route}: ${route.detail}\n`),
  );
  return failures.length > 0
    ? `${table}\nroutes that did not answer with a feed:\n${failures.join('')}`
    : table;
}
