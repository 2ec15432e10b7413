import type { BodyMarkup, MarkupWriter } from './body-markup.ts';
import { BodyPieces } from './body-pieces.ts';
import {
  escapeMarkupAttribute,
  escapeMarkupComment,
  escapeMarkupCss,
  escapeMarkupText,
} from './escape-markup.ts';

/** Writes plain HTML: what a browser reads back as the tree (escape-markup.ts). */
class PlainHtmlWriter implements MarkupWriter {
  private readonly out = new BodyPieces();

  attribute(value: string): string {
    return escapeMarkupAttribute(value);
  }

  startTag(_name: string, tag: string): void {
    this.out.add(tag);
  }

  endTag(name: string): void {
    this.out.add(`</${name}>`);
  }

  text(data: string): void {
    this.out.add(escapeMarkupText(data));
  }

  comment(data: string): void {
    this.out.add(`<!-- ${escapeMarkupComment(data)} -->`);
  }

  css(data: string): void {
    this.out.add(escapeMarkupCss(data));
  }

  finish(): string {
    return this.out.join();
  }
}

/** Plain HTML, with no output target's escaping: the clean stage's default. */
export const PLAIN_HTML: BodyMarkup = { name: 'html', writer: () => new PlainHtmlWriter() };
