import { type QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { HTML_VOID_ELEMENTS } from '../html-void-elements.ts';
import {
  BREAKOUT_TAGS,
  type ElementKind,
  foreignKind,
  HTML,
  isHtmlContext,
  isHtmlEncoding,
  MATH,
  MATH_ANNOTATION,
  MATH_HTML_POINT,
  MATH_TEXT_POINT,
  SVG,
  SVG_HTML_POINT,
} from './foreign-content.ts';
import { FORMATTING } from './formatting-elements.ts';
import { IMPLIES_CLOSE } from './implies-close.ts';

/** Receives a fragment as balanced element events: every `openTag` gets one `closeTag`. */
export interface HtmlEventSink {
  openTag(name: string, attributes: Record<string, string>): void;
  text(data: string): void;
  closeTag(): void;
  comment(data: string): void;
  /**
   * The attributes of element `name` the sink reads (null: none); the others are skipped,
   * which is faster. Without this method every attribute is reported.
   */
  wantedAttributes?(name: string): ReadonlySet<string> | null;
}

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

// Obsolete elements that HTML parsers (some only in older versions of the spec) also close at
// once: their start tags never open an element that would swallow what follows.
const VOID: ReadonlySet<string> = new Set([
  ...HTML_VOID_ELEMENTS,
  'basefont',
  'command',
  'frame',
  'isindex',
  'keygen',
  'param',
]);

/** HTML's special elements (HTML §13.2.4.2) that stay open: "any other end tag" stops at them. */
const SPECIAL = new Set([
  'address',
  'applet',
  'article',
  'aside',
  'blockquote',
  'body',
  'button',
  'caption',
  'center',
  'colgroup',
  'dd',
  'details',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'frameset',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'header',
  'hgroup',
  'html',
  'iframe',
  'li',
  'listing',
  'main',
  'marquee',
  'menu',
  'nav',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'ol',
  'p',
  'plaintext',
  'pre',
  'script',
  'search',
  'section',
  'select',
  'style',
  'summary',
  'table',
  'tbody',
  'td',
  'template',
  'textarea',
  'tfoot',
  'th',
  'thead',
  'title',
  'tr',
  'ul',
  'xmp',
]);
/**
 * End tags with rules of their own (HTML §13.2.6.4.7 "in body", and the table and select modes),
 * left to htmlparser2's nesting; every other one is "any other end tag".
 */
const OWN_END_RULES: ReadonlySet<string> = new Set([...SPECIAL, ...FORMATTING, 'option', 'optgroup']);

/** Start tags ignored "in body" (HTML §13.2.6.4.7; a frameset has no place in a fragment). */
const IGNORED_IN_BODY = new Set(['html', 'head', 'body', 'frameset']);

/** Whether `</name` at `at` ends raw text (HTML §13.2.5.3): followed by whitespace, `/` or `>`. */
function endsRawText(html: string, at: number, name: string): boolean {
  const after = at + 2 + name.length;
  if (after >= html.length || html.slice(at + 2, after).toLowerCase() !== name) return false;
  const next = html.charCodeAt(after);
  return next === 0x3e || next === 0x2f || next === 0x20 || (next >= 0x09 && next <= 0x0d && next !== 0x0b);
}

const TOKENIZER_OPTIONS = { xmlMode: false, decodeEntities: true };
/**
 * At most this many open elements; deeper start tags are ignored (Chromium's parser caps its
 * tree depth at 512 too). End tags walk the open elements, so this keeps hostile nesting linear.
 */
const MAX_DEPTH = 512;

/**
 * Tokenizes an HTML fragment with htmlparser2's Tokenizer and reports balanced element events
 * with htmlparser2's Parser's tag-nesting rules (implied ends, void elements, stray `</p>` and
 * `</br>`), plus the browser rules for foreign content (svg and math: breakout tags, integration
 * points, self-closing tags, CDATA) and for `<noscript>` (raw text, scripting being on), without
 * the Parser's per-event bookkeeping: the clean stage's hot path.
 */
export function streamHtml(html: string, sink: HtmlEventSink): void {
  new HtmlStream(sink).run(html);
}

class HtmlStream implements TokenizerCallbacks {
  /** The input the current tokenizer reads (the rest of the fragment after a restart). */
  private html = '';
  private tokenizer: Tokenizer | undefined;
  /** Where in `html` a new tokenizer takes over, when the current one must stop (see restart). */
  private resumeAt = -1;
  /** Open elements, innermost last, and their kinds. */
  private readonly stack: string[] = [];
  private readonly kinds: ElementKind[] = [];
  /** How many open elements are svg/math ones: none on the hot path. */
  private foreignDepth = 0;
  /** HTML's form element pointer: a `<form>` start tag is ignored while it is set. */
  private formOpen = false;
  private tagName = '';
  /** The kind of the element whose start tag is read; -1: the tag is ignored. */
  private tagKind: ElementKind | -1 = HTML;
  /** Whether the element's kind is settled once its attributes are read (font, annotation-xml). */
  private tagDeferred = false;
  private attributes: Record<string, string> | undefined;
  private attributeName = '';
  private attributeValue = '';
  /** Whether the current start tag's attributes are collected (see wantedAttributes). */
  private collecting = true;
  /** Which of them; undefined: all. */
  private wanted: ReadonlySet<string> | undefined;
  /** Whether the current attribute is one of them. */
  private keepAttribute = true;
  /** Text waiting to be reported: runs of text and character references become one event. */
  private pendingText = '';

  constructor(private readonly sink: HtmlEventSink) {}

  /**
   * Tokenizes `html`. Where a browser's tokenizer leaves htmlparser2's (raw text in `<noscript>`,
   * CDATA in HTML), a callback notes where to go on, stops the tokenizer, and a new one reads
   * the rest (a V8 substring shares the characters: no copy).
   */
  run(html: string): void {
    let rest = html;
    for (;;) {
      this.html = rest;
      this.resumeAt = -1;
      const tokenizer = new Tokenizer(TOKENIZER_OPTIONS, this);
      this.tokenizer = tokenizer;
      tokenizer.write(rest);
      if (this.resumeAt < 0) tokenizer.end();
      if (this.resumeAt < 0) return;
      rest = rest.slice(this.resumeAt);
    }
  }

  isInForeignContext(): boolean {
    if (this.foreignDepth === 0) return false;
    return !isHtmlContext(this.kinds[this.kinds.length - 1]!);
  }

  ontext(start: number, endIndex: number): void {
    // A start tag cut off by the end of the input is dropped (HTML §13.2.5.8, EOF in tag name);
    // htmlparser2 reports `<title`, `<textarea`… without the `<` as text.
    if (endIndex === this.html.length && start > 0 && this.html.charCodeAt(start - 1) === 0x3c) {
      const first = this.html.charCodeAt(start) | 0x20;
      if (first >= 0x61 && first <= 0x7a) return;
    }
    this.pendingText += this.html.slice(start, endIndex);
  }

  ontextentity(codepoint: number): void {
    this.pendingText += String.fromCodePoint(codepoint);
  }

  onopentagname(start: number, endIndex: number): void {
    this.flushText();
    let name = this.html.slice(start, endIndex).toLowerCase();
    this.tagDeferred = false;
    let wanted: ReadonlySet<string> | null | undefined;
    if (this.foreignDepth > 0 && !this.startsHtml(name)) {
      if (BREAKOUT_TAGS.has(name)) this.breakOut();
      else if (this.stack.length >= MAX_DEPTH) {
        this.ignoreTag();
        return;
      } else {
        // A foreign element; `font` and annotation-xml wait for their attributes, all collected.
        const parent = this.kinds[this.kinds.length - 1]!;
        this.tagName = name;
        this.tagKind = foreignKind(name, parent);
        if (name === 'font' || this.tagKind === MATH_ANNOTATION) {
          this.tagDeferred = true;
          wanted = undefined;
        } else {
          this.push(name, this.tagKind);
          wanted = this.sink.wantedAttributes ? this.sink.wantedAttributes(name) : undefined;
        }
        this.collect(wanted);
        return;
      }
    }
    // HTML's rules ("in body"). Outside svg/math an `<image>` start tag is an `<img>` (§13.2.6.4.7).
    if (name === 'image') name = 'img';
    this.tagName = name;
    if (
      IGNORED_IN_BODY.has(name) ||
      (name === 'form' && this.formOpen) ||
      (this.stack.length >= MAX_DEPTH && !VOID.has(name))
    ) {
      // Ignored, attributes and all (a `<form>` inside a form: HTML §13.2.6.4.7).
      this.ignoreTag();
      return;
    }
    this.startHtml(name);
    wanted = this.sink.wantedAttributes ? this.sink.wantedAttributes(name) : undefined;
    this.collect(wanted);
  }

  private ignoreTag(): void {
    this.tagKind = -1;
    this.attributes = undefined;
  }

  /** Whether a start tag inside foreign content is HTML's (the tree construction dispatcher). */
  private startsHtml(name: string): boolean {
    const current = this.kinds[this.kinds.length - 1]!;
    if (current === MATH_TEXT_POINT) return name !== 'mglyph' && name !== 'malignmark';
    if (current === MATH_ANNOTATION) return name === 'svg';
    return current === HTML || current === SVG_HTML_POINT || current === MATH_HTML_POINT;
  }

  /** Ends foreign elements up to an HTML element or an integration point (HTML §13.2.6.5). */
  private breakOut(): void {
    while (this.foreignDepth > 0 && !isHtmlContext(this.kinds[this.kinds.length - 1]!)) this.pop();
  }

  /** Opens an element by HTML's rules; `svg` and `math` start foreign content. */
  private startHtml(name: string): void {
    const closes = IMPLIES_CLOSE.get(name);
    if (closes)
      while (
        this.stack.length > 0 &&
        this.kinds[this.kinds.length - 1] === HTML &&
        closes.has(this.stack[this.stack.length - 1]!)
      )
        this.pop();
    this.tagKind = name === 'svg' ? SVG : name === 'math' ? MATH : HTML;
    if (name === 'form') this.formOpen = true;
    if (this.tagKind !== HTML || !VOID.has(name)) this.push(name, this.tagKind);
  }

  private collect(wanted: ReadonlySet<string> | null | undefined): void {
    this.collecting = wanted !== null;
    this.wanted = wanted ?? undefined;
    this.attributes = this.collecting ? {} : NO_ATTRIBUTES;
  }

  onattribname(start: number, endIndex: number): void {
    if (!this.collecting) return;
    this.attributeName = this.html.slice(start, endIndex).toLowerCase();
    this.keepAttribute = this.wanted === undefined || this.wanted.has(this.attributeName);
  }

  onattribdata(start: number, endIndex: number): void {
    if (this.collecting && this.keepAttribute) this.attributeValue += this.html.slice(start, endIndex);
  }

  onattribentity(codepoint: number): void {
    if (this.collecting && this.keepAttribute) this.attributeValue += String.fromCodePoint(codepoint);
  }

  onattribend(_quote: QuoteType): void {
    if (!this.collecting || !this.keepAttribute) return;
    // The first of duplicate attributes wins, as in browsers.
    if (this.attributes && this.attributes[this.attributeName] === undefined)
      this.attributes[this.attributeName] = this.attributeValue;
    this.attributeValue = '';
  }

  onopentagend(endIndex: number): void {
    let attributes = this.attributes;
    if (attributes === undefined) return;
    this.attributes = undefined;
    const name = this.tagName;
    if (this.tagDeferred) attributes = this.settle(name, attributes);
    this.sink.openTag(name, attributes);
    if (this.tagKind !== HTML) return;
    if (VOID.has(name)) this.sink.closeTag();
    else if (name === 'noscript') this.rawText(name, endIndex + 1);
  }

  /**
   * Places a `font` or annotation-xml start tag in foreign content once its attributes are
   * known, and keeps of them only what the sink wants.
   */
  private settle(name: string, attributes: Record<string, string>): Record<string, string> {
    if (name === 'font' && (attributes.color ?? attributes.face ?? attributes.size) !== undefined) {
      // `<font>` with color, face or size is a breakout tag (HTML §13.2.6.5).
      this.breakOut();
      this.startHtml(name);
    } else {
      if (name === 'annotation-xml' && this.tagKind === MATH_ANNOTATION) {
        if (isHtmlEncoding(attributes.encoding)) this.tagKind = MATH_HTML_POINT;
      }
      this.push(name, this.tagKind as ElementKind);
    }
    const wanted = this.sink.wantedAttributes ? this.sink.wantedAttributes(name) : undefined;
    if (wanted === undefined) return attributes;
    const kept: Record<string, string> = {};
    if (wanted !== null) for (const key in attributes) if (wanted.has(key)) kept[key] = attributes[key]!;
    return kept;
  }

  /**
   * The content of an HTML `<noscript>` is raw text up to `</noscript` (HTML §13.2.6.4.7 with
   * scripting on, as in the browsers that show posts); htmlparser2 would read it as markup.
   */
  private rawText(name: string, from: number): void {
    let end = this.html.indexOf('</', from);
    while (end >= 0 && !endsRawText(this.html, end, name)) end = this.html.indexOf('</', end + 2);
    if (end < 0) end = this.html.length;
    this.pendingText += this.html.slice(from, end);
    this.restart(end);
  }

  /** Stops the tokenizer; a new one reads `html` from `at` (see run). */
  private restart(at: number): void {
    this.resumeAt = at;
    this.tokenizer!.pause();
  }

  onselfclosingtag(endIndex: number): void {
    const ignored = this.attributes === undefined;
    this.onopentagend(endIndex);
    // `/>` means nothing on HTML elements; in svg/math it ends the element.
    if (!ignored && this.tagKind !== HTML) this.pop();
  }

  onclosetag(start: number, endIndex: number): void {
    this.flushText();
    const name = this.html.slice(start, endIndex).toLowerCase();
    if (this.foreignDepth > 0 && this.kinds[this.kinds.length - 1] !== HTML) {
      // An end tag in foreign content (HTML §13.2.6.5): `</p>` and `</br>` break out; any other
      // ends the innermost foreign element of its name, unless an HTML element comes first.
      if (name === 'p' || name === 'br') this.breakOut();
      else
        for (let index = this.stack.length - 1; index >= 0 && this.kinds[index] !== HTML; index--) {
          if (this.stack[index] === name) {
            while (this.stack.length > index) this.pop();
            return;
          }
        }
    }
    this.endHtml(name);
  }

  /**
   * An end tag by HTML's rules: it ends the innermost open HTML element of its name, but not
   * past an integration point (they bound every scope, HTML §13.2.4.2; svg and math do not),
   * nor, for "any other end tag", past a special element (HTML §13.2.6.4.7).
   */
  private endHtml(name: string): void {
    if (VOID.has(name)) {
      if (name === 'br') {
        // `</br>` is a `<br>` (HTML §13.2.6.4.7).
        this.sink.openTag('br', {});
        this.sink.closeTag();
      }
      return;
    }
    if (name === 'form') this.formOpen = false;
    const generic = !OWN_END_RULES.has(name);
    for (let index = this.stack.length - 1; index >= 0; index--) {
      const kind = this.kinds[index]!;
      if (kind !== HTML) {
        if (kind === SVG || kind === MATH) continue;
        break;
      }
      const open = this.stack[index]!;
      if (open === name) {
        while (this.stack.length > index) this.pop();
        return;
      }
      if (generic && SPECIAL.has(open)) return;
    }
    if (name === 'p') {
      // A stray `</p>` is an empty paragraph.
      this.sink.openTag('p', {});
      this.sink.closeTag();
    }
  }

  oncomment(start: number, endIndex: number, endOffset: number): void {
    // htmlparser2 reports an unclosed `<![CDATA[` at the end as a comment.
    if (
      endOffset === 0 &&
      this.html.charCodeAt(start - 1) === 0x21 &&
      this.html.startsWith('[CDATA[', start)
    ) {
      this.cdata(start + 7, endIndex, endIndex);
      return;
    }
    this.flushText();
    this.sink.comment(this.html.slice(start, endIndex - endOffset));
  }

  oncdata(start: number, endIndex: number, endOffset: number): void {
    this.cdata(start, endIndex - endOffset, endIndex);
  }

  /**
   * `<![CDATA[` is a CDATA section only in foreign content (HTML §13.2.5.42: the adjusted current
   * node is not HTML), its text up to `]]>`; in HTML it is a bogus comment ending at the first `>`.
   */
  private cdata(start: number, dataEnd: number, end: number): void {
    if (this.foreignDepth > 0 && this.kinds[this.kinds.length - 1] !== HTML) {
      this.pendingText += this.html.slice(start, dataEnd);
      return;
    }
    this.flushText();
    const close = this.html.indexOf('>', start);
    if (close < 0 || close >= end) {
      this.sink.comment(`[CDATA[${this.html.slice(start, dataEnd)}${dataEnd < end ? ']]' : ''}`);
      return;
    }
    this.sink.comment(`[CDATA[${this.html.slice(start, close)}`);
    this.restart(close + 1);
  }

  ondeclaration(): void {}

  onprocessinginstruction(): void {}

  onend(): void {
    // A restart after an unclosed CDATA at the end: the next tokenizer goes on.
    if (this.resumeAt >= 0) return;
    this.flushText();
    while (this.stack.length > 0) this.pop();
  }

  private push(name: string, kind: ElementKind): void {
    this.stack.push(name);
    this.kinds.push(kind);
    if (kind !== HTML) this.foreignDepth++;
  }

  private pop(): void {
    this.stack.pop();
    if (this.kinds.pop() !== HTML) this.foreignDepth--;
    this.sink.closeTag();
  }

  private flushText(): void {
    if (this.pendingText === '') return;
    const text = this.pendingText;
    this.pendingText = '';
    this.sink.text(text);
  }
}
