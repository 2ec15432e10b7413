import { parseArgs } from 'node:util';
import { FeedmillError } from '../../errors.ts';
import { createFetcher, DEFAULT_FETCH_OPTIONS } from '../../fetch/index.ts';
import type { JsonFeed } from '../../model.ts';
import { parseFeed } from '../../parse/index.ts';
import { resolveLocations } from '../../subscriptions/index.ts';
import type { Output } from '../output.ts';
import { userAgent } from '../version.ts';

export const PARSE_HELP = `Usage: feedmill parse <file|url> [--format jsonfeed] [--timezone ZONE]

Parses one feed (RSS, Atom or JSON Feed) and prints it as JSON Feed 1.1 on stdout.
Recovered problems are printed on stderr.

Options:
      --format jsonfeed   output format (only jsonfeed for now)
      --timezone ZONE     IANA zone for dates written without an offset (default UTC)
  -h, --help              show this help

Examples:
  feedmill parse feed.xml --format jsonfeed
  feedmill parse https://example.com/feed --timezone Asia/Shanghai
`;

/** `feedmill parse`: one feed to JSON Feed 1.1. Returns the exit code. */
export async function parseCommand(argv: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', default: 'jsonfeed' },
      timezone: { type: 'string', default: 'UTC' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    output.out(PARSE_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new FeedmillError(
      'USAGE',
      'feedmill parse takes exactly one file or URL (see feedmill parse --help)',
    );
  if (values.format !== 'jsonfeed')
    throw new FeedmillError('USAGE', `unknown --format ${values.format}; use jsonfeed`);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: values.timezone });
  } catch {
    throw new FeedmillError(
      'USAGE',
      `unknown --timezone ${values.timezone}; use an IANA name such as Asia/Shanghai`,
    );
  }
  const source = positionals[0]!;
  const [location] = resolveLocations(source, [], process.cwd());
  const fetcher = createFetcher({ ...DEFAULT_FETCH_OPTIONS, userAgent: userAgent() });
  let fetched: Awaited<ReturnType<typeof fetcher.fetch>>;
  try {
    fetched = await fetcher.fetch(location!, {});
  } finally {
    fetcher.close?.();
  }
  if (fetched.kind !== 'fetched')
    throw new FeedmillError('FETCH_FAILED', `no content from ${source}`, { feed: source });
  const url = location!.kind === 'http' ? fetched.url : undefined;
  let result: ReturnType<typeof parseFeed>;
  try {
    result = parseFeed(fetched.body, {
      timezone: values.timezone,
      ...(url ? { url } : {}),
      ...(fetched.contentType ? { contentType: fetched.contentType } : {}),
    });
  } catch (error) {
    if (error instanceof FeedmillError) throw new FeedmillError(error.code, error.message, { feed: source });
    throw error;
  }
  output.out(`${JSON.stringify(orderFeed(result.feed), null, 2)}\n`);
  for (const diagnostic of result.diagnostics) {
    output.err(
      `warning: ${source}: ${diagnostic.message}${diagnostic.item ? ` (item ${diagnostic.item})` : ''} [${diagnostic.code}]\n`,
    );
  }
  return 0;
}

// JSON Feed 1.1's own order of fields (spec §Top-level, §Items), extensions last.
const FEED_KEYS = [
  'version',
  'title',
  'home_page_url',
  'feed_url',
  'description',
  'icon',
  'favicon',
  'authors',
  'language',
  'expired',
  'items',
];
const ITEM_KEYS = [
  'id',
  'url',
  'external_url',
  'title',
  'content_html',
  'content_text',
  'summary',
  'image',
  'banner_image',
  'date_published',
  'date_modified',
  'authors',
  'tags',
  'language',
  'attachments',
];

/** JSON Feed's conventional key order: feed metadata first, items last, item fields as the spec lists them. */
function orderFeed(feed: JsonFeed): Record<string, unknown> {
  const ordered = orderKeys(feed, FEED_KEYS);
  ordered.items = feed.items.map((item) => orderKeys(item, ITEM_KEYS));
  return ordered;
}

function orderKeys(value: object, keys: string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  for (const key of Object.keys(source)) if (!(key in out)) out[key] = source[key];
  return out;
}
