import { decodeHTMLStrict } from 'entities';
import { Parser } from 'htmlparser2';
import { FeedmillError } from '../errors.ts';
import { decodeBytes } from '../parse/index.ts';

/** One subscription found in an OPML file. */
export interface OpmlFeed {
  /** The feed's address (`xmlUrl`). */
  url: string;
  /** `title`, else `text`. */
  title?: string;
  /** Category path: the enclosing outlines' names, else the `category` attribute's first path. */
  categories: string[];
}

/** An outline that looks like a subscription but cannot be imported, with the reason. */
export interface OpmlSkip {
  label: string;
  reason: string;
}

/** What an OPML file holds. */
export interface OpmlDocument {
  feeds: OpmlFeed[];
  skipped: OpmlSkip[];
}

/**
 * Reads the subscriptions of an OPML 1.0/2.0 document with htmlparser2's XML tokenizer (no
 * DTDs or external entities). Outlines without `xmlUrl` are folders whose names become
 * categories of the feeds inside them.
 *
 * Real exports bend XML, and the reading bends with them: bytes are decoded by BOM, then XML
 * declaration (legacy encodings included), attribute names are matched in any case (`xmlUrl`,
 * `xmlurl`, `XMLURL` all occur), and HTML's named references (`&eacute;`, `&nbsp;`) are
 * decoded besides XML's own, only when terminated by `;`, so a bare `&` in a URL stays.
 */
export function readOpml(input: string | Uint8Array, file: string): OpmlDocument {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeBytes(input).text;
  const feeds: OpmlFeed[] = [];
  const skipped: OpmlSkip[] = [];
  // One entry per open <outline>: the folder name it contributes, or null for a feed outline.
  const stack: Array<string | null> = [];
  let root: string | undefined;
  let inBody = false;
  const parser = new Parser(
    {
      onopentag(tag, raw) {
        root ??= tag;
        if (root !== 'opml') return;
        if (tag === 'body') inBody = true;
        else if (tag === 'outline' && inBody) {
          const attributes = decodeAttributes(raw);
          const url = (attributes.xmlurl ?? '').trim();
          const label = firstNonEmpty(attributes.title, attributes.text);
          if (url) {
            const folders = stack.filter((entry): entry is string => entry !== null && entry !== '');
            const feed: OpmlFeed = {
              url,
              categories: folders.length > 0 ? folders : categoryAttribute(attributes.category),
            };
            if (label) feed.title = label;
            feeds.push(feed);
            stack.push(null);
            return;
          }
          const skip = skipReason(attributes);
          if (skip)
            skipped.push({ label: label || attributes.htmlurl?.trim() || '(untitled)', reason: skip });
          stack.push(label);
        }
      },
      onclosetag(tag) {
        if (root !== 'opml') return;
        if (tag === 'outline' && inBody) stack.pop();
        else if (tag === 'body') inBody = false;
      },
    },
    {
      xmlMode: true,
      decodeEntities: false,
      recognizeSelfClosing: true,
      lowerCaseTags: true,
      lowerCaseAttributeNames: true,
    },
  );
  parser.end(text);
  if (root !== 'opml') {
    const what = root === undefined ? 'no <opml> element' : `its root element is <${root}>, not <opml>`;
    const hint = root === 'html' ? ' (an HTML page?)' : '';
    throw new FeedmillError('PARSE_FAILED', `${file} is not an OPML file: ${what}${hint}`, { path: file });
  }
  return { feeds, skipped };
}

function decodeAttributes(raw: Record<string, string>): Record<string, string> {
  const decoded: Record<string, string> = {};
  // XML 1.0 §3.3.3: a literal tab, CR or LF in an attribute value is read as a space (a CR LF
  // pair as one); character references are decoded after, so `&#10;` stays a line break.
  for (const [name, value] of Object.entries(raw))
    decoded[name] = decodeHTMLStrict(value.replace(/\r\n|[\t\n\r]/g, ' '));
  return decoded;
}

function firstNonEmpty(...values: Array<string | undefined>): string {
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed) return trimmed;
  }
  return '';
}

/** Why an outline without `xmlUrl` that is no plain folder cannot be imported, if it looks like a feed. */
function skipReason(attributes: Record<string, string>): string | undefined {
  const type = attributes.type?.trim().toLowerCase();
  if (type === 'include')
    return `an OPML include (${attributes.url?.trim() ?? 'no url'}), not followed: import that file too`;
  if (type === 'rss' || type === 'atom' || attributes.htmlurl !== undefined)
    return 'no xmlUrl (the feed address)';
  return undefined;
}

/** OPML 2.0 `category`: comma-separated, slash-delimited paths; the first one is used. */
function categoryAttribute(value: string | undefined): string[] {
  const first = value?.split(',')[0] ?? '';
  return first
    .split('/')
    .map((part) => part.trim())
    .filter(Boolean);
}
