import type { BodyMarkup, MarkupWriter } from './body-markup.ts';
import {
  escapeMarkupAttribute,
  escapeMarkupComment,
  escapeMarkupCss,
  escapeMarkupText,
} from './escape-markup.ts';

/** Writes plain HTML: what a browser reads back as the tree (escape-markup.ts). */
class PlainHtmlWriter implements MarkupWriter {
  /** The output so far (string concatenation beats push + join here). */
  private out = '';

  attribute(value: string): string {
    return escapeMarkupAttribute(value);
  }

  startTag(_name: string, tag: string): void {
    this.out += tag;
  }

  endTag(name: string): void {
    this.out += `</${name}>`;
  }

  text(data: string): void {
    this.out += escapeMarkupText(data);
  }

  comment(data: string): void {
    this.out += `<!-- ${escapeMarkupComment(data)} -->`;
  }

  css(data: string): void {
    this.out += escapeMarkupCss(data);
  }

  finish(): string {
    return this.out;
  }
}

/** Plain HTML, with no output target's escaping: the clean stage's default. */
export const PLAIN_HTML: BodyMarkup = { name: 'html', writer: () => new PlainHtmlWriter() };
