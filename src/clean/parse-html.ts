import { type Document, DomHandler } from 'domhandler';
import { streamHtml } from './html-events.ts';

// Elements after whose start tag a parser drops one line break (HTML §13.2.6.4.7).
const LEADING_NEWLINE_DROPPED = new Set(['pre', 'listing', 'textarea']);

/**
 * At most this many start tags, text runs and comments are read into the tree; the rest of the
 * fragment is left out. A tree costs a few hundred bytes per node: this bounds a hostile body
 * (15 MiB of `<b>a</b>` would be four million nodes) to tens of megabytes, far above any article.
 */
export const MAX_NODES = 200_000;

/** How much of the markup the tree holds. */
export interface ParseOptions {
  /**
   * The attributes of element `name` to keep (null: none); the others are never read, which is
   * faster. All of them when absent.
   */
  wantedAttributes?: (name: string) => ReadonlySet<string> | null;
}

/**
 * Parses an HTML fragment into a domhandler tree as a browser reads it in a `<div>`: htmlparser2's
 * tokenizer with the tree construction rules of html-events.ts (implied ends, foreign content,
 * raw text), held to parse5 by the sanitize fuzz test.
 */
export function parseHtml(html: string, options: ParseOptions = {}): Document {
  const handler = new DomHandler();
  // Whether the last event opened a <pre> (a line break in the next text is not content).
  let lead = false;
  let nodes = 0;
  // Elements opened past MAX_NODES and not yet closed: events are balanced and nested, so their
  // end events are the next ones to come.
  let ignored = 0;
  streamHtml(html, {
    ...(options.wantedAttributes ? { wantedAttributes: options.wantedAttributes } : {}),
    openTag(name, attributes) {
      if (ignored > 0 || ++nodes > MAX_NODES) {
        ignored++;
        return;
      }
      handler.onopentag(name, attributes);
      lead = LEADING_NEWLINE_DROPPED.has(name);
    },
    text(data) {
      const text = lead ? data.replace(/^\r?\n|^\r/, '') : data;
      lead = false;
      if (text !== '' && ignored === 0 && ++nodes <= MAX_NODES) handler.ontext(text);
    },
    closeTag() {
      if (ignored > 0) {
        ignored--;
        return;
      }
      handler.onclosetag();
      lead = false;
    },
    comment(data) {
      if (ignored > 0 || ++nodes > MAX_NODES) return;
      handler.oncomment(data);
      handler.oncommentend();
      lead = false;
    },
  });
  handler.onend();
  return handler.root;
}
