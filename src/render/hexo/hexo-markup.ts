import type { BodyMarkup, MarkupWriter } from '../../clean/body-markup.ts';
import { BodyPieces } from '../../clean/body-pieces.ts';
import { escapeMarkupComment, escapeMarkupCss } from '../../clean/escape-markup.ts';
import { escapeAttribute, escapePreformatted, escapeText, safeCss } from './hexo-safe-escape.ts';

// Elements whose text keeps every line break (escaped as references there, see escapePreformatted).
const PRESERVE_WHITESPACE = new Set(['pre', 'textarea', 'listing', 'plaintext']);
const BRACES_AND_FENCES: Record<string, string> = {
  '{': '&#123;',
  '}': '&#125;',
  '`': '&#96;',
  '~': '&#126;',
};

/**
 * Writes a cleaned body so that Hexo passes it through untouched: `{ } \` ~` as character
 * references (Nunjucks and Markdown fences never see them), no blank or indented line (one
 * Markdown HTML block), kept CSS on one line. The clean stage's serializer drives it, so the
 * body is escaped in the one serialization, never parsed again.
 *
 * Text is escaped a run at a time (everything between two pieces of markup), as a reader of the
 * plain HTML would see it: runs written one after the other join, and whitespace folds across
 * them. The clean stage puts no markup inside raw text elements (an iframe is written empty,
 * `<style>` holds only CSS), so their text is text like any other.
 */
class HexoWriter implements MarkupWriter {
  private readonly out = new BodyPieces();
  /** The text run not yet written, line breaks as `\n`; CSS as the plain HTML writes it. */
  private pending = '';
  private preDepth = 0;
  private inStyle = false;

  attribute(value: string): string {
    // One line, `{ } \` ~` as references, controls left out, as plain HTML reads them back.
    return escapeAttribute(value);
  }

  startTag(name: string, tag: string): void {
    if (this.pending !== '') this.flush();
    this.out.add(tag);
    if (PRESERVE_WHITESPACE.has(name)) this.preDepth++;
    else if (name === 'style') this.inStyle = true;
  }

  endTag(name: string): void {
    if (this.pending !== '') this.flush();
    if (PRESERVE_WHITESPACE.has(name)) this.preDepth--;
    else if (name === 'style') this.inStyle = false;
    this.out.add(`</${name}>`);
  }

  text(data: string): void {
    // Each run's line breaks are made `\n` on their own (CR LF split across runs is two breaks,
    // as in plain HTML); controls go when the run is escaped.
    this.pending += data.includes('\r') ? data.replace(/\r\n?/g, '\n') : data;
  }

  comment(data: string): void {
    if (this.pending !== '') this.flush();
    const safe = escapeMarkupComment(data).replace(/[{}`~]/g, (char) => BRACES_AND_FENCES[char]!);
    this.out.add(`<!-- ${safe} -->`);
  }

  css(data: string): void {
    this.pending += escapeMarkupCss(data);
  }

  finish(): string {
    if (this.pending !== '') this.flush();
    return this.out.join();
  }

  private flush(): void {
    const text = this.pending;
    this.pending = '';
    if (this.inStyle) {
      this.out.add(safeCss(text));
      return;
    }
    if (this.preDepth > 0) {
      this.out.add(escapePreformatted(text));
      return;
    }
    let escaped = escapeText(text);
    // Folded text never starts a line with whitespace; only the very start needs trimming.
    if (this.out.empty) escaped = escaped.replace(/^[ \t\f\n]+/, '');
    this.out.add(escaped);
  }
}

/** Bodies for Hexo: the clean stage writes them escaped for Hexo (see {@link HexoWriter}). */
export const HEXO_MARKUP: BodyMarkup = { name: 'hexo', writer: () => new HexoWriter() };
