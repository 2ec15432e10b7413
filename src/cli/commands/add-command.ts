import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type LoadedConfig, loadConfig, requireSqliteState } from '../../config/index.ts';
import { FeedmillError } from '../../errors.ts';
import { createFetcher, type Fetcher } from '../../fetch/index.ts';
import { fetchOptionsOf } from '../../pipeline/index.ts';
import {
  instanceSecrets,
  type LabelOptions,
  loadRadarRules,
  openRadarRulesCache,
  type RadarRulesLoad,
  redactingFetcher,
  toInstances,
} from '../../rsshub/index.ts';
import {
  type Discovery,
  discoverFeeds,
  type FeedCandidate,
  GUESSED_FEED_PATHS,
  loadRunCatalogue,
} from '../../subscriptions/index.ts';
import { formatTable } from '../format-table.ts';
import type { Output } from '../output.ts';
import { userAgent } from '../version.ts';
import { addToConfig } from './add-to-config.ts';
import { type AskLine, askOnTerminal } from './routes-add.ts';

export const ADD_HELP = `Usage: feedmill add <address> [--pick N] [options]

Finds the feeds of a web page and adds the one you pick to feedmill.yml (comments and layout
kept). Candidates are, in order: the RSSHub routes whose Radar rules recognise the address
(rules from the first rsshub.instances entry that serves /api/radar/rules, cached in the
state database for rsshub.catalogue_ttl_hours), with the catalogue's categories; the address
itself when it is a feed (whatever type it is served as); else the feeds the page links
with <link rel="alternate"> or rel="feed" (links of types other documents share, such as
application/json, are fetched and kept only when they are feeds; with no feed link, so are
a few <a> links that look like feeds); and, when none is found, the first of
${GUESSED_FEED_PATHS.join(', ')} on the site that is a feed.
Rules whose route is computed by code are never run: they are listed with their docs page.

Without --pick the candidates are listed; on a terminal you are asked which to add, else the
command exits 0. Nothing found: exit 1 (try feedmill routes search).

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
      --pick N        add candidate N without asking
      --name NAME     the feed's name (default: site and route name, or the feed's title)
      --rules FILE    read Radar rules from this JSON file instead of an instance
      --refresh       fetch the Radar rules again even when the cached ones are fresh
      --no-guess      do not try the common feed paths when the page links no feed
      --json          print the candidates as JSON
  -h, --help          show this help

Examples:
  feedmill add https://space.bilibili.com/2267573
  feedmill add https://github.com/DIYgod/RSSHub --pick 1
  feedmill add example.org/blog --no-guess
`;

/** `feedmill add <address>`: finds an address's feeds and subscribes to the one picked. */
export async function addCommand(
  argv: string[],
  output: Output,
  ask: AskLine | undefined = process.stdin.isTTY ? askOnTerminal : undefined,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      pick: { type: 'string' },
      name: { type: 'string' },
      rules: { type: 'string' },
      refresh: { type: 'boolean' },
      'no-guess': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    output.out(ADD_HELP);
    return 0;
  }
  const [address] = positionals;
  if (!address || positionals.length > 1) throw new FeedmillError('USAGE', 'add needs one web address');
  const pick = values.pick === undefined ? undefined : Number(values.pick);
  if (pick !== undefined && !(Number.isInteger(pick) && pick >= 1)) {
    throw new FeedmillError('USAGE', `--pick takes a candidate number, got "${values.pick}"`);
  }
  const loaded = requireSqliteState(loadConfig(values.config), 'add');
  const discovery = await discover(loaded, address, output, {
    ...(values.rules ? { rules: resolve(values.rules) } : {}),
    refresh: values.refresh === true,
    guess: values['no-guess'] !== true,
  });
  const pickable = discovery.candidates.filter((candidate) => candidate.kind !== 'docs');
  if (values.json) {
    output.out(`${JSON.stringify(discovery, null, 2)}\n`);
    if (pick === undefined) return pickable.length > 0 ? 0 : 1;
  } else {
    output.out(describeCandidates(discovery));
  }
  for (const note of discovery.notes) output.err(`note: ${note}\n`);
  if (pickable.length === 0) {
    output.err(
      `no feed found for ${discovery.address}; look for a route with feedmill routes search ${siteWord(discovery.address)}\n`,
    );
    if (pick !== undefined) throw new FeedmillError('USAGE', `--pick ${pick}: there is no candidate to pick`);
    return 1;
  }
  let chosen = pick;
  if (chosen === undefined && ask) {
    const answer = (await ask(`add which (1-${pickable.length}, Enter for none)? `)).trim();
    if (!answer) return 0;
    chosen = Number(answer);
  }
  if (chosen === undefined) {
    output.err('run again with --pick N to add one\n');
    return 0;
  }
  const candidate = pickable[chosen - 1];
  if (!Number.isInteger(chosen) || !candidate) {
    throw new FeedmillError('USAGE', `no candidate ${chosen}: pick 1 to ${pickable.length}`);
  }
  const label = candidate.kind === 'route' ? candidate.title : (candidate.title ?? candidate.url);
  return addToConfig(loaded, { url: candidate.url, name: values.name ?? candidate.name, label }, output);
}

/** Loads the Radar rules (and, for categories, the catalogue), then discovers the address's feeds. */
async function discover(
  loaded: LoadedConfig,
  address: string,
  output: Output,
  options: { rules?: string; refresh: boolean; guess: boolean },
): Promise<Discovery> {
  const instances = toInstances(loaded.config.rsshub.instances);
  const fetcher: Fetcher = redactingFetcher(
    createFetcher(fetchOptionsOf(loaded.config, userAgent())),
    instanceSecrets(instances),
  );
  const labels: LabelOptions = { lang: loaded.config.rsshub.lang };
  if (loaded.config.rsshub.category_labels) labels.overrides = loaded.config.rsshub.category_labels;
  try {
    const radar = await loadRules(loaded, fetcher, options);
    for (const diagnostic of radar.diagnostics) output.err(`warning: ${diagnostic.message}\n`);
    // The catalogue gives routes their categories (the folders of their posts); without one
    // they are still offered, and a run files them once a catalogue loads.
    const catalogue = async () => {
      const load = await loadRunCatalogue(loaded, { fetcher, now: () => new Date() });
      for (const diagnostic of load.diagnostics) output.err(`warning: ${diagnostic.message}\n`);
      return load.catalogue;
    };
    return await discoverFeeds(address, {
      fetcher,
      labels,
      guess: options.guess,
      catalogue,
      ...(radar.rules ? { rules: radar.rules.rules } : {}),
    });
  } finally {
    fetcher.close?.();
  }
}

async function loadRules(
  loaded: LoadedConfig,
  fetcher: Fetcher,
  options: { rules?: string; refresh: boolean },
): Promise<RadarRulesLoad> {
  const common = {
    instances: toInstances(loaded.config.rsshub.instances),
    fetcher,
    ttlMs: loaded.config.rsshub.catalogue_ttl_hours * 3_600_000,
    now: () => new Date(),
    refresh: options.refresh,
  };
  if (options.rules) return loadRadarRules({ ...common, file: options.rules });
  const cache = openRadarRulesCache(loaded.statePath);
  try {
    return await loadRadarRules({ ...common, cache });
  } finally {
    cache.close();
  }
}

/** The candidates as a numbered list; rules that give no route follow, unnumbered. */
export function describeCandidates(discovery: Discovery): string {
  const pickable = discovery.candidates.filter((candidate) => candidate.kind !== 'docs');
  const hints = discovery.candidates.filter((candidate) => candidate.kind === 'docs');
  const lines: string[] = [];
  if (pickable.length > 0) {
    lines.push(`feeds of ${discovery.address}:\n`);
    lines.push(
      formatTable(
        ['#', 'FEED', 'WHAT'],
        pickable.map((candidate, index) => [String(index + 1), candidate.url, whatText(candidate)]),
      ),
    );
  }
  if (hints.length > 0) {
    lines.push('Radar rules that match but give no route here:\n');
    for (const hint of hints) {
      if (hint.kind !== 'docs') continue;
      const why = hint.missing
        ? `needs ${hint.missing.join(', ')}${hint.target ? ` (feedmill routes add ${hint.target})` : ''}`
        : 'its route is computed by code, which feedmill does not run';
      lines.push(`  - ${hint.site} ${hint.title}: ${why}${hint.docs ? `; see ${hint.docs}` : ''}\n`);
    }
  }
  return lines.join('');
}

function whatText(candidate: FeedCandidate): string {
  if (candidate.kind === 'route') {
    const filed = candidate.categories ? ` → ${candidate.categories.join(' / ')}` : '';
    return `RSSHub: ${candidate.site} ${candidate.title}${filed}`;
  }
  if (candidate.kind === 'feed') {
    const via = {
      address: 'the address is a feed',
      page: 'linked by the page',
      guess: 'found by trying the path',
    }[candidate.via];
    return `${via}${candidate.title ? `: ${candidate.title}` : ''}`;
  }
  return candidate.title;
}

/** A word of the address's host to search the catalogue with (`bilibili` for space.bilibili.com). */
function siteWord(address: string): string {
  const { hostname } = new URL(address);
  if (isIP(hostname.replace(/^\[|\]$/g, ''))) return '<site name>';
  const labels = hostname.split('.').filter((label) => label !== 'www');
  return labels.length >= 2 ? labels[labels.length - 2]! : (labels[0] ?? address);
}
