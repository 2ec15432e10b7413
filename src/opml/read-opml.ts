import { Parser } from 'htmlparser2';
import { FeedmillError } from '../errors.ts';

/** One subscription found in an OPML file. */
export interface OpmlFeed {
  /** The feed's address (`xmlUrl`). */
  url: string;
  /** `title`, else `text`. */
  title?: string;
  /** Category path: the enclosing outlines' names, else the `category` attribute's first path. */
  categories: string[];
}

/**
 * Reads the subscriptions of an OPML 1.0/2.0 document with htmlparser2's XML tokenizer (no
 * DTDs or external entities). Outlines without `xmlUrl` are folders whose names become
 * categories of the feeds inside them.
 */
export function readOpml(text: string, file: string): OpmlFeed[] {
  const feeds: OpmlFeed[] = [];
  // One entry per open <outline>: the folder name it contributes, or null for a feed outline.
  const stack: Array<string | null> = [];
  let sawOpml = false;
  let inBody = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const tag = name.toLowerCase();
        if (tag === 'opml') sawOpml = true;
        else if (tag === 'body') inBody = true;
        else if (tag === 'outline' && inBody) {
          const url = (attributes.xmlUrl ?? attributes.xmlurl ?? '').trim();
          const label = (attributes.title ?? attributes.text ?? '').trim();
          if (url) {
            const folders = stack.filter((entry): entry is string => entry !== null && entry !== '');
            const feed: OpmlFeed = {
              url,
              categories: folders.length > 0 ? folders : categoryAttribute(attributes.category),
            };
            if (label) feed.title = label;
            feeds.push(feed);
            stack.push(null);
          } else stack.push(label);
        }
      },
      onclosetag(name) {
        const tag = name.toLowerCase();
        if (tag === 'outline' && inBody) stack.pop();
        else if (tag === 'body') inBody = false;
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.end(text);
  if (!sawOpml)
    throw new FeedmillError('PARSE_FAILED', `${file} is not an OPML file (no <opml> element)`, {
      path: file,
    });
  return feeds;
}

/** OPML 2.0 `category`: comma-separated, slash-delimited paths; the first one is used. */
function categoryAttribute(value: string | undefined): string[] {
  const first = value?.split(',')[0] ?? '';
  return first
    .split('/')
    .map((part) => part.trim())
    .filter(Boolean);
}
