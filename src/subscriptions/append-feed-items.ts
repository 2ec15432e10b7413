import { createRequire } from 'node:module';
import { FeedmillError } from '../errors.ts';

// `yaml` (73 modules) is loaded when feeds are added, not by every run that imports this stage.
const loadYaml = () => createRequire(import.meta.url)('yaml') as typeof import('yaml');

/** A `feeds:` entry to write: `url` first, then the other keys; lists are written inline. */
export type FeedItem = Readonly<Record<string, string | number | readonly string[]>>;

/**
 * Appends entries to the `feeds` list of a feedmill.yml text, changing no other byte: the YAML
 * document model only locates the list (and serializes each entry), and the new lines are
 * spliced into the original text after the last item. A `feeds:` that is empty (`feeds:`,
 * `feeds: ~`, `feeds: []`) becomes a block list, its comment kept; a missing one is added at
 * the end. Only a flow list with items (`feeds: [{ url: a }]`, rare) is written anew by the
 * document model.
 */
export function appendFeedItems(text: string, items: readonly FeedItem[]): string {
  if (items.length === 0) return text;
  const { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } = loadYaml();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    throw new FeedmillError(
      'CONFIG_INVALID',
      `not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`,
    );
  }
  if (document.contents !== null && !isMap(document.contents)) {
    throw new FeedmillError('CONFIG_INVALID', 'the config is not a mapping');
  }
  const feeds = document.get('feeds', true);
  if (feeds === undefined) return `${withFinalNewline(text)}feeds:\n${itemLines(items, '  ')}`;
  const emptyValue =
    (isScalar(feeds) && feeds.value === null) || (isSeq(feeds) && feeds.flow && feeds.items.length === 0);
  if (emptyValue && feeds.range) {
    // `feeds: [] # none yet` → `feeds: # none yet` and the items on the lines below.
    const [start, end] = feeds.range;
    const line = text.indexOf('\n', Math.max(start, end - 1));
    const at = line === -1 ? text.length : line + 1;
    const head = text.slice(0, start).replace(/[ \t]+$/, '') + text.slice(end, at);
    return `${line === -1 ? `${head.trimEnd()}\n` : head}${itemLines(items, '  ')}${text.slice(at)}`;
  }
  if (!isSeq(feeds)) throw new FeedmillError('CONFIG_INVALID', '`feeds` is not a list');
  const last = feeds.items.at(-1);
  const end = isNode(last) ? last.range?.[1] : undefined;
  if (feeds.flow || end === undefined || !feeds.range) {
    for (const item of items) feeds.items.push(itemNode(document, item));
    feeds.flow = false;
    return document.toString({ lineWidth: 0, flowCollectionPadding: false });
  }
  const dashColumn = lineCounter.linePos(feeds.range[0]).col - 1;
  // The item's value may end before a comment or just after its newline: either way, that line.
  const lineEnd = text.indexOf('\n', Math.max(0, end - 1));
  const at = lineEnd === -1 ? text.length : lineEnd + 1;
  const before = lineEnd === -1 ? `${text}\n` : text.slice(0, at);
  return before + itemLines(items, ' '.repeat(dashColumn)) + text.slice(at);
}

/** `- url: …` lines for list items whose dash sits at `pad`. */
function itemLines(items: readonly FeedItem[], pad: string): string {
  const { Document } = loadYaml();
  let out = '';
  for (const item of items) {
    const document = new Document();
    document.contents = itemNode(document, item);
    const lines = document.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd().split('\n');
    out += lines.map((line, index) => `${pad}${index === 0 ? '- ' : '  '}${line}\n`).join('');
  }
  return out;
}

function itemNode(document: import('yaml').Document, item: FeedItem) {
  const { isSeq } = loadYaml();
  const node = document.createNode(item);
  for (const pair of node.items) if (isSeq(pair.value)) pair.value.flow = true;
  return node;
}

function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
