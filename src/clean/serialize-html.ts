import type { ChildNode } from 'domhandler';
import { isComment, isTag, isText } from 'domhandler';
import { HTML_VOID_ELEMENTS as VOID } from '../html-void-elements.ts';
import type { BodyMarkup, MarkupWriter } from './body-markup.ts';
import { FORMATTING, MAX_REOPEN, NO_REOPEN, REOPEN_BARRIERS } from './formatting-elements.ts';
import { impliedEnds } from './implied-ends.ts';
import { PLAIN_HTML } from './plain-html-markup.ts';
import { isTableContext, type Placement, placeContent, placeElement } from './table-placement.ts';

const PRESERVE_WHITESPACE = new Set(['pre', 'textarea', 'listing', 'plaintext']);

/**
 * Writes a cleaned tree as HTML that a browser (HTML §13.2) reads back as the same tree, though
 * the passes dropped and unwrapped elements: it ends explicitly what a parser would end
 * (implied-ends.ts), places content where the table model allows (table-placement.ts), reopens
 * formatting elements as browsers do (formatting-elements.ts), and keeps a leading line break of
 * a `<pre>`. Text, attribute values, comments and CSS are escaped by `markup`'s writer: plain HTML
 * (escape-markup.ts) unless an output target gives its own.
 */
export function serializeHtml(nodes: readonly ChildNode[], markup: BodyMarkup = PLAIN_HTML): string {
  const writer = new HtmlWriter(markup.writer());
  write(nodes, writer);
  return writer.finish();
}

function write(nodes: readonly ChildNode[], writer: HtmlWriter): void {
  for (const node of nodes) {
    if (isText(node)) writer.text(node.data);
    else if (isComment(node)) writer.comment(node.data);
    else if (isTag(node)) {
      writer.openTag(node.name, node.attribs);
      write(node.children, writer);
      writer.closeTag();
    }
  }
}

/** `openFrames` entry of an element the writer opened itself (an implicit row or cell). */
const IMPLICIT = -1;

enum Frame {
  /** Not written: a table part out of place (its content is, where the table model allows). */
  Unwrap,
  Keep,
  Style,
  /** Kept, but already ended in the output by a later start tag (see implied-ends.ts). */
  Ended,
}

/**
 * Serializes a cleaned tree (see {@link serializeHtml}), driven by its events in document order
 * (open, text, close, comment).
 */
class HtmlWriter {
  private readonly frames: Frame[] = [];
  private readonly names: string[] = [];
  /** Kept elements open in the output (innermost last) and their index in `frames`. */
  private readonly openNames: string[] = [];
  private readonly openFrames: number[] = [];
  /** The start tag written for each open element (parallel to openNames), to reopen it. */
  private readonly openTags: string[] = [];
  /** Formatting elements ended early that the source still has open, outermost first. */
  private reopen: Array<{ name: string; tag: string; frame: number }> = [];
  private preDepth = 0;
  /** Whether nothing has been written yet inside the innermost open <pre>. */
  private preStart = false;
  /** Text not yet written (see text()). */
  private pendingText = '';
  /** Whether the pending text is inside a <pre> (kept as is rather than folded). */
  private pendingPre = false;

  /** `output` escapes and collects what is written. */
  constructor(private readonly output: MarkupWriter) {}

  /** An element starts; name and attribute names lower-case, values entity-decoded. */
  openTag(name: string, attributes: Record<string, string>): void {
    this.names.push(name);
    this.frames.push(this.open(name, attributes));
  }

  /** Writes the start tag of an element where a parser would put it; returns its frame. */
  private open(name: string, attributes: Record<string, string>): Frame {
    if (name === 'style') {
      // Raw text: its attributes are not written, nor does it take part in placement.
      this.startTag('style', '<style>');
      return Frame.Style;
    }
    let ends = this.openNames.length > 0 ? impliedEnds(name, this.openNames) : 0;
    let placement = placeElement(name, this.openNames, this.openNames.length - ends);
    if (placement === 'unwrap') return Frame.Unwrap;
    // Only now that the element is written: pending text goes where it stands (which may open
    // an implicit cell), then the elements a parser would end here are ended (implied-ends.ts)
    // and the element is placed in its table.
    if (this.pendingText !== '') {
      const depth = this.openNames.length;
      this.flushText();
      if (this.openNames.length !== depth) {
        ends = impliedEnds(name, this.openNames);
        placement = placeElement(name, this.openNames, this.openNames.length - ends);
        if (placement === 'unwrap') return Frame.Unwrap;
      }
    }
    this.endOpen(ends, name);
    this.place(placement);
    // A new <a> ends any <a> still open or waiting (the adoption agency): that one is not reopened.
    if (name === 'a') this.reopen = this.reopen.filter((entry) => entry.name !== 'a');
    if (!NO_REOPEN.has(name)) this.reconstruct();
    let tag = `<${name}`;
    for (const attribute in attributes) {
      const value = attributes[attribute]!;
      // Always quoted, empty too (`alt=""`): the form other tools that read posts expect.
      tag += ` ${attribute}="${this.output.attribute(value)}"`;
    }
    tag += '>';
    this.startTag(name, tag);
    if (!VOID.has(name)) {
      this.openNames.push(name);
      this.openFrames.push(this.frames.length);
      this.openTags.push(tag);
    }
    if (PRESERVE_WHITESPACE.has(name)) {
      this.preDepth++;
      this.preStart = true;
    }
    return Frame.Keep;
  }

  /**
   * Ends the `count` innermost open elements in the output, ahead of their own end events.
   * Formatting elements ended for a start tag `opening` wait to be reopened (an `<a>` ended by
   * another `<a>` does not: the adoption agency drops it).
   */
  private endOpen(count: number, opening?: string): void {
    for (let left = count; left > 0; left--) {
      const ended = this.openNames.pop()!;
      const frame = this.openFrames.pop()!;
      const tag = this.openTags.pop()!;
      if (frame >= 0) {
        this.frames[frame] = Frame.Ended;
        if (opening !== undefined && FORMATTING.has(ended) && !(opening === 'a' && ended === 'a'))
          this.remember(ended, tag, frame);
      }
      if (PRESERVE_WHITESPACE.has(ended)) this.preDepth--;
      this.endTag(ended);
    }
  }

  /** Notes an ended formatting element to reopen; elements end innermost first. */
  private remember(name: string, tag: string, frame: number): void {
    if (this.reopen.length < MAX_REOPEN) this.reopen.unshift({ name, tag, frame });
  }

  /** Reopens the waiting formatting elements where content goes next (not inside a table). */
  private reconstruct(): void {
    if (this.reopen.length === 0 || this.openNames.some((name) => REOPEN_BARRIERS.has(name))) return;
    for (const entry of this.reopen) {
      this.output.startTag(entry.name, entry.tag);
      this.openNames.push(entry.name);
      this.openFrames.push(entry.frame);
      this.openTags.push(entry.tag);
      this.frames[entry.frame] = Frame.Keep;
    }
    this.reopen = [];
  }

  /** Text directly in a table would be moved out of it by browsers: give it a cell. */
  private placeText(text: string): void {
    if (isTableContext(this.openNames[this.openNames.length - 1]) && /[^ \t\n\f\r]/.test(text)) {
      const placement = placeContent(this.openNames);
      if (placement !== 'unwrap') this.place(placement);
    }
  }

  /** Applies a table placement: end elements, then open the implicit row or cell. */
  private place(placement: Exclude<Placement, 'unwrap'>): void {
    if (placement.close === 0 && placement.implicit.length === 0) return;
    this.endOpen(placement.close);
    for (const implicit of placement.implicit) {
      this.startTag(implicit, `<${implicit}>`);
      this.openNames.push(implicit);
      this.openFrames.push(IMPLICIT);
      this.openTags.push(`<${implicit}>`);
    }
  }

  /** Text content, entity-decoded. */
  text(data: string): void {
    if (this.frames[this.frames.length - 1] === Frame.Style) {
      if (this.pendingText !== '') this.flushText();
      this.output.css(data);
      this.preStart = false;
      return;
    }
    // Text runs separated only by dropped or unwrapped elements are written as one, so their
    // whitespace folds the same way on every pass (sanitizing twice changes nothing) and split
    // text events (a stray end tag between them) read like the one text node a tree holds.
    if (this.preDepth > 0) {
      if (data === '') return;
      this.pendingText += data;
      this.pendingPre = true;
      return;
    }
    this.pendingText += data;
  }

  /** Writes a start tag, after the pending text. */
  private startTag(name: string, tag: string): void {
    if (this.pendingText !== '') this.flushText();
    this.output.startTag(name, tag);
    this.preStart = false;
  }

  /** Writes an end tag, after the pending text. */
  private endTag(name: string): void {
    if (this.pendingText !== '') this.flushText();
    this.output.endTag(name);
    this.preStart = false;
  }

  private flushText(): void {
    const raw = this.pendingText;
    this.pendingText = '';
    if (this.pendingPre) {
      this.pendingPre = false;
      // A leading break of what is written needs an element before it to survive a re-parse.
      if (this.preStart && (raw.startsWith('\n') || raw.startsWith('\r'))) {
        this.output.startTag('span', '<span>');
        this.output.endTag('span');
      }
      this.placeText(raw);
      this.reconstruct();
      this.output.text(raw);
      this.preStart = false;
      return;
    }
    this.placeText(raw);
    this.reconstruct();
    this.output.text(raw);
  }

  /** The element opened last ends (parsers report implied ends too, so events stay balanced). */
  closeTag(): void {
    const index = this.frames.length - 1;
    if (index < 0) return;
    // An element ended early and waiting to be reopened: its pending text is still inside it
    // in the source, so that text is written first (reopening it), then it ends like any other.
    if (this.frames[index] === Frame.Ended && this.reopen.some((entry) => entry.frame === index)) {
      if (this.pendingText !== '') this.flushText();
      this.reopen = this.reopen.filter((entry) => entry.frame !== index);
    }
    const frame = this.frames.pop()!;
    const name = this.names.pop()!;
    if (frame === Frame.Style) this.endTag('style');
    else if (frame === Frame.Keep && !VOID.has(name)) {
      // Pending text first, then implicit rows and cells and reopened formatting elements
      // opened inside, then the element. A reopened element whose source element is still
      // open waits to be reopened again, as in a browser.
      if (this.pendingText !== '') this.flushText();
      while (this.openFrames.length > 0) {
        const ended = this.openNames.pop()!;
        const tag = this.openTags.pop()!;
        const popped = this.openFrames.pop()!;
        const own = popped === index;
        if (!own && popped >= 0) {
          this.frames[popped] = Frame.Ended;
          this.remember(ended, tag, popped);
        }
        if (PRESERVE_WHITESPACE.has(ended)) this.preDepth--;
        this.endTag(ended);
        if (own) break;
      }
    }
  }

  /** A comment: dropped unless comments are kept. */
  comment(data: string): void {
    if (this.frames[this.frames.length - 1] === Frame.Style) return;
    if (this.pendingText !== '') this.flushText();
    this.output.comment(data);
    this.preStart = false;
  }

  /** The HTML written. */
  finish(): string {
    while (this.frames.length > 0) this.closeTag();
    if (this.pendingText !== '') this.flushText();
    this.endOpen(this.openNames.length);
    return this.output.finish();
  }
}
