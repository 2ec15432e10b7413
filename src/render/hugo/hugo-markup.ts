import type { BodyMarkup, MarkupWriter } from '../../clean/body-markup.ts';
import { BodyPieces } from '../../clean/body-pieces.ts';
import {
  escapeMarkupAttribute,
  escapeMarkupComment,
  escapeMarkupCss,
  escapeMarkupText,
} from '../../clean/escape-markup.ts';

const BRACE_REFERENCES: Record<string, string> = { '{': '&#123;', '}': '&#125;' };
const BRACE = /[{}]/;

const escapeBraces = (html: string): string =>
  BRACE.test(html) ? html.replace(/[{}]/g, (brace) => BRACE_REFERENCES[brace]!) : html;

/**
 * Writes a cleaned body safe in a Hugo content file, where `{{<` and `{{%` open shortcodes (a
 * feed's `{{< x >}}` would fail the whole build, or run a shortcode): plain HTML with every brace
 * in text, attribute values and comments as a character reference, which reads the same. Inside
 * a kept `<style>` (raw text, where references are not decoded) `{{` is split by a space, which
 * CSS ignores. The clean stage's serializer drives it, so the body is never parsed again.
 */
class HugoWriter implements MarkupWriter {
  private readonly out = new BodyPieces();
  /** The CSS of the open `<style>`, escaped when it ends (a `{{` may span two of its texts). */
  private pendingCss = '';

  attribute(value: string): string {
    return escapeBraces(escapeMarkupAttribute(value));
  }

  startTag(_name: string, tag: string): void {
    // Element and attribute names hold no brace; values were written by attribute().
    this.out.add(tag);
  }

  endTag(name: string): void {
    if (name === 'style') {
      this.out.add(this.pendingCss.replace(/\{(?=\{)/g, '{ '));
      this.pendingCss = '';
    }
    this.out.add(`</${name}>`);
  }

  text(data: string): void {
    this.out.add(escapeBraces(escapeMarkupText(data)));
  }

  comment(data: string): void {
    this.out.add(`<!-- ${escapeBraces(escapeMarkupComment(data))} -->`);
  }

  css(data: string): void {
    this.pendingCss += escapeMarkupCss(data);
  }

  finish(): string {
    return this.out.join();
  }
}

/** Bodies for Hugo: the clean stage writes them with their braces escaped (see {@link HugoWriter}). */
export const HUGO_MARKUP: BodyMarkup = { name: 'hugo', writer: () => new HugoWriter() };
