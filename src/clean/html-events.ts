import { type QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

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

// Start tags that implicitly end open elements (WHATWG HTML §13.2.6 "in body", as htmlparser2
// models it): `<p>` inside `<p>`, `<li>` after `<li>`, block elements after an open `<p>`…
const P = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const FORM_CONTROLS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
/** Start tag → open elements it ends when they are the current node (htmlparser2's rules). */
export const IMPLIES_CLOSE: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((name) => [name, HEADINGS] as const),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map(
    (name) => [name, FORM_CONTROLS] as const,
  ),
  ...[
    'p',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((name) => [name, P] as const),
]);
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
// Foreign content (svg, math) tokenizes differently: no raw-text elements, `/>` closes.
const FOREIGN_ROOTS = new Set(['svg', 'math']);
const INTEGRATION_POINTS = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);
/** Elements that open a foreign (svg, math) or an HTML (integration point) context. */
const FOREIGN_SWITCHES = new Set([...FOREIGN_ROOTS, ...INTEGRATION_POINTS]);

/**
 * Tokenizes an HTML fragment with htmlparser2's Tokenizer and reports balanced element events
 * with the same tag-nesting rules as htmlparser2's Parser (implied ends, void elements, stray
 * `</p>` and `</br>`), without its per-event bookkeeping: the clean stage's hot path.
 */
export function streamHtml(html: string, sink: HtmlEventSink): void {
  const stream = new HtmlStream(html, sink);
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, stream);
  tokenizer.write(html);
  tokenizer.end();
}

class HtmlStream implements TokenizerCallbacks {
  /** Open elements, innermost last. */
  private readonly stack: string[] = [];
  /** One entry per open foreign root (true) or integration point (false): the innermost decides. */
  private readonly foreign: boolean[] = [false];
  private tagName = '';
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

  constructor(
    private readonly html: string,
    private readonly sink: HtmlEventSink,
  ) {}

  isInForeignContext(): boolean {
    return this.foreign[this.foreign.length - 1]!;
  }

  ontext(start: number, endIndex: number): void {
    this.pendingText += this.html.slice(start, endIndex);
  }

  ontextentity(codepoint: number): void {
    this.pendingText += String.fromCodePoint(codepoint);
  }

  onopentagname(start: number, endIndex: number): void {
    this.flushText();
    const name = this.readName(start, endIndex);
    this.tagName = name;
    if (name === 'form' && this.stack.includes('form')) {
      // A <form> inside a form is ignored (HTML §13.2.6.4.7), attributes and all.
      this.attributes = undefined;
      return;
    }
    const closes = IMPLIES_CLOSE.get(name);
    if (closes) while (this.stack.length > 0 && closes.has(this.stack[this.stack.length - 1]!)) this.pop();
    if (!VOID.has(name)) {
      this.stack.push(name);
      if (FOREIGN_SWITCHES.has(name)) this.foreign.push(FOREIGN_ROOTS.has(name));
    }
    const wanted = this.sink.wantedAttributes ? this.sink.wantedAttributes(name) : undefined;
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

  onopentagend(): void {
    if (this.attributes === undefined) return;
    this.sink.openTag(this.tagName, this.attributes);
    this.attributes = undefined;
    if (VOID.has(this.tagName)) this.sink.closeTag();
  }

  onselfclosingtag(): void {
    const name = this.tagName;
    const foreign = this.isInForeignContext();
    this.onopentagend();
    // `/>` means nothing on HTML elements; in svg/math it closes the element.
    if (foreign && this.stack[this.stack.length - 1] === name) this.pop();
  }

  onclosetag(start: number, endIndex: number): void {
    this.flushText();
    const name = this.readName(start, endIndex);
    if (VOID.has(name)) {
      if (name === 'br') {
        // `</br>` is a `<br>` (HTML §13.2.6.4.7).
        this.sink.openTag('br', {});
        this.sink.closeTag();
      }
      return;
    }
    const position = this.stack.lastIndexOf(name);
    if (position >= 0) while (this.stack.length > position) this.pop();
    else if (name === 'p') {
      // A stray `</p>` is an empty paragraph.
      this.sink.openTag('p', {});
      this.sink.closeTag();
    }
  }

  oncomment(start: number, endIndex: number, endOffset: number): void {
    this.flushText();
    this.sink.comment(this.html.slice(start, endIndex - endOffset));
  }

  oncdata(start: number, endIndex: number, endOffset: number): void {
    // HTML reads CDATA as a bogus comment, except inside svg/math where it is text.
    if (this.isInForeignContext()) this.pendingText += this.html.slice(start, endIndex - endOffset);
    else {
      this.flushText();
      this.sink.comment(`[CDATA[${this.html.slice(start, endIndex - endOffset)}]]`);
    }
  }

  ondeclaration(): void {}

  onprocessinginstruction(): void {}

  onend(): void {
    this.flushText();
    while (this.stack.length > 0) this.pop();
  }

  private readName(start: number, endIndex: number): string {
    const name = this.html.slice(start, endIndex).toLowerCase();
    // Outside svg/math an `<image>` start tag is an `<img>` (HTML §13.2.6.4.7).
    return name === 'image' && !this.isInForeignContext() ? 'img' : name;
  }

  private pop(): void {
    const name = this.stack.pop()!;
    if (FOREIGN_SWITCHES.has(name)) this.foreign.pop();
    this.sink.closeTag();
  }

  private flushText(): void {
    if (this.pendingText === '') return;
    const text = this.pendingText;
    this.pendingText = '';
    this.sink.text(text);
  }
}
