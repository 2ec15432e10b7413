import { createRequire } from 'node:module';
import { FeedmillError } from '../errors.ts';

// `yaml` (73 modules) is loaded when a feed is added, not by every run that imports this stage.
const loadYaml = () => createRequire(import.meta.url)('yaml') as typeof import('yaml');

/** The outcome of adding a feed to feedmill.yml's text. */
export type AddFeedResult = { kind: 'added'; text: string } | { kind: 'exists'; index: number };

/** A feed entry to add. */
export interface FeedEntry {
  url: string;
  name?: string;
}

/**
 * Appends `{ url, name }` to the `feeds` list of a feedmill.yml text. The YAML document model
 * locates the list and serializes the entry; the entry is then spliced into the original text
 * after the last item, so every other byte (comments, alignment, quoting) stays as it was.
 */
export function addFeedEntry(text: string, entry: FeedEntry): AddFeedResult {
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
  const value: Record<string, string> =
    entry.name === undefined ? { url: entry.url } : { url: entry.url, name: entry.name };
  if (feeds === undefined) {
    // No list yet: a new top-level key at the end of the file.
    const body = indentItem(value, '  ');
    return { kind: 'added', text: `${withFinalNewline(text)}feeds:\n${body}` };
  }
  if (isScalar(feeds) && feeds.value === null) {
    document.set('feeds', document.createNode([value]));
    return { kind: 'added', text: document.toString({ lineWidth: 0 }) };
  }
  if (!isSeq(feeds)) throw new FeedmillError('CONFIG_INVALID', '`feeds` is not a list');
  const index = feeds.items.findIndex((item) => isMap(item) && sameRoute(item.toJSON(), entry.url));
  if (index !== -1) return { kind: 'exists', index };
  const last = feeds.items.at(-1);
  const end = isNode(last) ? last.range?.[1] : undefined;
  if (feeds.flow || end === undefined || feeds.range === undefined || feeds.range === null) {
    // Flow lists (`feeds: [...]`) are rare in configs: the document model rewrites them.
    feeds.items.push(document.createNode(value));
    return { kind: 'added', text: document.toString({ lineWidth: 0 }) };
  }
  const dashColumn = lineCounter.linePos(feeds.range[0]).col - 1;
  // The item's value may end before a comment or just after its newline: either way, that line.
  const lineEnd = text.indexOf('\n', Math.max(0, end - 1));
  const at = lineEnd === -1 ? text.length : lineEnd + 1;
  const before = lineEnd === -1 ? `${text}\n` : text.slice(0, at);
  return { kind: 'added', text: before + indentItem(value, ' '.repeat(dashColumn)) + text.slice(at) };
}

/** `- url: …` lines for a list item whose dash sits at `pad`. */
function indentItem(value: Record<string, string>, pad: string): string {
  const lines = new (loadYaml().Document)(value).toString({ lineWidth: 0 }).trimEnd().split('\n');
  return lines.map((line, index) => `${pad}${index === 0 ? '- ' : '  '}${line}\n`).join('');
}

function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

function sameRoute(value: unknown, url: string): boolean {
  if (!value || typeof value !== 'object') return false;
  const feed = value as { url?: unknown; rsshub?: unknown };
  if (feed.url === url) return true;
  return typeof feed.rsshub === 'string' && `rsshub:${feed.rsshub.trim()}` === url;
}
