import { decodeHTML } from 'entities';
import { type QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import {
  escapeAttribute,
  escapePreformatted,
  escapeText,
  safeCss,
} from '../../src/render/hexo/hexo-safe-escape.ts';

// The Hexo renderer's former second pass over the clean stage's plain HTML, as it was when the
// clean stage learnt to write Hexo's form itself (src/render/hexo/hexo-markup.ts): kept only as
// the reference that writer is held to, byte for byte (hexo-markup-equivalence.test.ts).

// Elements whose text keeps every line break (escaped as references there, see escapePreformatted).
const PRESERVE_WHITESPACE = new Set(['pre', 'textarea', 'listing', 'plaintext']);
// Elements whose content the tokenizer reads as raw text, references undecoded (iframe content
// when `sanitize.iframe_hosts` keeps one, as browsers do); style is kept CSS, see safeCss.
const RAW_TEXT = new Set(['iframe', 'noembed', 'noframes', 'xmp', 'script', 'plaintext']);
const BRACES_AND_FENCES: Record<string, string> = {
  '{': '&#123;',
  '}': '&#125;',
  '`': '&#96;',
  '~': '&#126;',
};

/**
 * Rewrites a cleaned body (the clean stage's serialization: quoted attributes, balanced tags,
 * harmless comments) so that Hexo passes it through untouched: `{ } \` ~` as character
 * references (Nunjucks and Markdown fences never see them), no blank or indented line (one
 * Markdown HTML block), kept CSS on one line. The markup itself is written back unchanged.
 */
export function hexoSecondPass(html: string): string {
  return rewrite(html, true);
}

/** Rewrites `html`; with `verbatim`, start tags holding nothing to escape are copied as they are. */
function rewrite(html: string, verbatim: boolean): string {
  const writer = new HexoSafeWriter(html, verbatim);
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, writer);
  tokenizer.write(html);
  tokenizer.end();
  return writer.finish();
}

// What a start tag may hold that escapeAttribute would change beyond HTML's own escapes.
const ATTRIBUTE_HEXO_SPECIAL = /[{}`~\u0000-\u001f\u007f]/;

class HexoSafeWriter implements TokenizerCallbacks {
  private out = '';
  private text = '';
  private tag = '';
  private tagName = '';
  private attribute = '';
  private value = '';
  private preDepth = 0;
  private inStyle = false;
  private inRawText = false;

  /** Where the current start tag begins. */
  private tagStart = 0;

  constructor(
    private readonly html: string,
    /** Copy start tags without Hexo specials as they are (attributes are then not collected). */
    private readonly verbatim: boolean,
  ) {}

  finish(): string {
    this.flushText();
    return this.out;
  }

  private flushText(): void {
    if (this.text === '') return;
    // The clean stage escaped raw text content like any text: its references are read back here.
    const raw = this.inRawText ? decodeHTML(this.text) : this.text;
    this.text = '';
    if (this.inStyle) {
      this.out += safeCss(raw);
      return;
    }
    if (this.preDepth > 0) {
      this.out += escapePreformatted(raw);
      return;
    }
    let text = escapeText(raw);
    // Folded text never starts a line with whitespace; only the very start needs trimming.
    if (this.out === '') text = text.replace(/^[ \t\f\n]+/, '');
    this.out += text;
  }

  ontext(start: number, endIndex: number): void {
    this.text += this.html.slice(start, endIndex);
  }

  ontextentity(codepoint: number): void {
    this.text += String.fromCodePoint(codepoint);
  }

  onopentagname(start: number, endIndex: number): void {
    this.flushText();
    this.tagName = this.html.slice(start, endIndex).toLowerCase();
    this.tagStart = start - 1;
    this.tag = `<${this.tagName}`;
  }

  onattribname(start: number, endIndex: number): void {
    if (this.verbatim) return;
    this.attribute = this.html.slice(start, endIndex).toLowerCase();
  }

  onattribdata(start: number, endIndex: number): void {
    if (this.verbatim) return;
    this.value += this.html.slice(start, endIndex);
  }

  onattribentity(codepoint: number): void {
    if (this.verbatim) return;
    this.value += String.fromCodePoint(codepoint);
  }

  onattribend(_quote: QuoteType): void {
    if (this.verbatim) return;
    this.tag += ` ${this.attribute}="${escapeAttribute(this.value)}"`;
    this.value = '';
  }

  onopentagend(endIndex: number): void {
    if (!this.verbatim) this.out += `${this.tag}>`;
    else {
      // The clean stage writes start tags in one form (lower-case, values double-quoted with
      // `& < > "` escaped): one without Hexo specials stays as it is, others are rewritten.
      const tag = this.html.slice(this.tagStart, endIndex + 1);
      this.out += ATTRIBUTE_HEXO_SPECIAL.test(tag) ? rewrite(tag, false) : tag;
    }
    if (PRESERVE_WHITESPACE.has(this.tagName)) this.preDepth++;
    else if (this.tagName === 'style') this.inStyle = true;
    else if (RAW_TEXT.has(this.tagName)) this.inRawText = true;
  }

  onselfclosingtag(endIndex: number): void {
    this.onopentagend(endIndex);
  }

  onclosetag(start: number, endIndex: number): void {
    this.flushText();
    const name = this.html.slice(start, endIndex).toLowerCase();
    if (PRESERVE_WHITESPACE.has(name)) this.preDepth--;
    else if (name === 'style') this.inStyle = false;
    else if (RAW_TEXT.has(name)) this.inRawText = false;
    this.out += `</${name}>`;
  }

  oncomment(start: number, endIndex: number, endOffset: number): void {
    this.flushText();
    const data = this.html.slice(start, endIndex - endOffset);
    this.out += `<!--${data.replace(/[{}`~]/g, (char) => BRACES_AND_FENCES[char]!)}-->`;
  }

  // The clean stage writes neither CDATA, declarations nor processing instructions.
  oncdata(): void {}

  ondeclaration(): void {}

  onprocessinginstruction(): void {}

  onend(): void {
    this.flushText();
  }
}
