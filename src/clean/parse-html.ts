import { type Document, DomHandler } from 'domhandler';
import { streamHtml } from './html-events.ts';

// Elements after whose start tag a parser drops one line break (HTML §13.2.6.4.7).
const LEADING_NEWLINE_DROPPED = new Set(['pre', 'listing', 'textarea']);

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
  streamHtml(html, {
    ...(options.wantedAttributes ? { wantedAttributes: options.wantedAttributes } : {}),
    openTag(name, attributes) {
      handler.onopentag(name, attributes);
      lead = LEADING_NEWLINE_DROPPED.has(name);
    },
    text(data) {
      const text = lead ? data.replace(/^\r?\n|^\r/, '') : data;
      lead = false;
      if (text !== '') handler.ontext(text);
    },
    closeTag() {
      handler.onclosetag();
      lead = false;
    },
    comment(data) {
      handler.oncomment(data);
      handler.oncommentend();
      lead = false;
    },
  });
  handler.onend();
  return handler.root;
}
