import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { parseConfig } from '../../config/index.ts';
import { FeedmillError } from '../../errors.ts';
import { addFeedsToConfig, readOpml } from '../../opml/index.ts';
import type { Output } from '../output.ts';
import { rewriteConfigFile } from './rewrite-config-file.ts';

export const IMPORT_HELP = `Usage: feedmill import <file.opml> [--config PATH] [--dry-run]

Adds the feeds of an OPML file (from any feed reader) to feedmill.yml. Nested outlines
(folders) become the feeds' categories; feeds already configured are skipped, and so are
outlines that cannot be imported (each is listed with the reason); the existing text of
feedmill.yml is kept as it is, new feeds go after the last one. Addresses under a
configured RSSHub instance are written as rsshub:/routes.

Options:
  -c, --config PATH   config file to add to (default: ./feedmill.yml; created if missing)
  -n, --dry-run       print what would be added, change nothing
  -h, --help          show this help

Examples:
  feedmill import subscriptions.opml
  feedmill import feeds.opml --config site/feedmill.yml --dry-run
`;

/** `feedmill import`. Returns the exit code. */
export async function importCommand(argv: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      'dry-run': { type: 'boolean', short: 'n' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    output.out(IMPORT_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new FeedmillError('USAGE', 'feedmill import takes one OPML file (see feedmill import --help)');
  const opmlPath = resolve(positionals[0]!);
  let opmlBytes: Buffer;
  try {
    // Bytes: the file's BOM or XML declaration says how to decode it (exports in legacy encodings).
    opmlBytes = readFileSync(opmlPath);
  } catch (error) {
    throw new FeedmillError(
      'FILE_NOT_FOUND',
      `cannot read OPML file ${opmlPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (check the path)`,
      { path: opmlPath },
    );
  }
  const { feeds, skipped: outlines } = readOpml(opmlBytes, opmlPath);
  const configPath = resolve(values.config);
  const configText = existsSync(configPath) ? readFileSync(configPath, 'utf8') : '';
  const instances = rsshubInstances(configText);
  const result = addFeedsToConfig(configText, feeds, instances, configPath);
  // The result must still be a valid config before it replaces the old one.
  if (result.added.length > 0) parseConfig(result.text, configPath);
  for (const feed of result.added)
    output.out(
      `${values['dry-run'] ? 'would add' : 'added'}  ${feed.title ?? feed.url} (${feed.url})${feed.categories.length ? ` in ${feed.categories.join(' / ')}` : ''}\n`,
    );
  for (const { feed, reason } of result.skipped)
    output.out(`skipped  ${feed.title ?? feed.url}: ${reason}\n`);
  for (const { label, reason } of outlines) output.out(`skipped  ${label}: ${reason}\n`);
  if (!values['dry-run'] && result.added.length > 0) rewriteConfigFile(configPath, result.text);
  output.out(
    `${feeds.length + outlines.length} feed(s) in ${opmlPath}: ${result.added.length} ${values['dry-run'] ? 'to add' : `added to ${configPath}`}, ${result.skipped.length + outlines.length} skipped\n`,
  );
  return 0;
}

function rsshubInstances(configText: string): string[] {
  const value: unknown = parseDocument(configText).toJS();
  const instances =
    value && typeof value === 'object'
      ? ((value as { rsshub?: { instances?: unknown } }).rsshub?.instances ?? ['https://rsshub.app'])
      : ['https://rsshub.app'];
  // An instance is a URL or `{ url, key, … }`.
  return Array.isArray(instances)
    ? instances
        .map((entry: unknown) =>
          typeof entry === 'string' ? entry : (entry as { url?: unknown } | null)?.url,
        )
        .filter((url): url is string => typeof url === 'string')
    : [];
}
