import { HTML_VOID_ELEMENTS as VOID } from '../html-void-elements.ts';
import {
  escapeMarkupAttribute,
  escapeMarkupComment,
  escapeMarkupCss,
  escapeMarkupText,
} from './escape-markup.ts';
import { FORMATTING, MAX_REOPEN, NO_REOPEN, REOPEN_BARRIERS } from './formatting-elements.ts';
import type { HtmlEventSink } from './html-events.ts';
import {
  isMeaningfulImage,
  isPlaceholderSource,
  isTrackingPixel,
  LAZY_SOURCE_ATTRIBUTES,
  LAZY_SRCSET_ATTRIBUTES,
} from './image-policy.ts';
import { impliedEnds } from './implied-ends.ts';
import { resolveSrcset, resolveUrl } from './resolve-url.ts';
import type { SanitizePolicy } from './sanitize-policy.ts';
import { sanitizeStyle } from './sanitize-style.ts';
import { isTableContext, type Placement, placeContent, placeElement } from './table-placement.ts';

/** What the writer needs to judge and rewrite elements. */
export interface WriterOptions {
  policy: SanitizePolicy;
  /** Bases for relative URLs, in order: the item link, then the feed URL. */
  bases: readonly string[];
  /** Hosts whose iframes are kept (exact host or a subdomain of it). */
  iframeHosts: readonly string[];
  /** Keep `<style>` elements with their CSS as is. */
  keepStyle: boolean;
  /** Keep HTML comments (their text made harmless). */
  keepComments: boolean;
}

const FOREIGN_ROOTS = new Set(['svg', 'math']);
const PRESERVE_WHITESPACE = new Set(['pre', 'textarea', 'listing', 'plaintext']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite']);

/** What the policy says about one element name, looked up once per policy and name. */
interface ElementRule {
  /** Keep, unwrap or drop (a kept <style> is decided separately). */
  frame: Frame.Keep | Frame.Unwrap | Frame.Drop;
  /** Global and per-element attributes, merged. */
  allowed: ReadonlySet<string>;
  /** The attributes read from the source: the allowed ones, plus lazy-loading ones on images. */
  read: ReadonlySet<string>;
  isVoid: boolean;
  preserve: boolean;
}

// A cache derived from each (immutable) policy object, not shared state.
const RULES = new WeakMap<SanitizePolicy, Map<string, ElementRule>>();

function rulesOf(policy: SanitizePolicy): Map<string, ElementRule> {
  let rules = RULES.get(policy);
  if (rules === undefined) {
    rules = new Map();
    RULES.set(policy, rules);
  }
  return rules;
}

/** `openFrames` entry of an element the writer opened itself (an implicit row or cell). */
const IMPLICIT = -1;

enum Frame {
  Unwrap,
  Keep,
  Drop,
  Style,
  /** Kept, but already ended in the output by a later start tag (see implied-ends.ts). */
  Ended,
}

/**
 * A sanitizing serializer driven by parse events (open, text, close, comment). It writes plain
 * HTML that a browser reads back as the tree it meant: UTF-8 text left as is, `& < > "` as
 * references, attributes always double-quoted; target-specific escaping is the renderer's.
 */
export class SafeHtmlWriter implements HtmlEventSink {
  /** The output so far (string concatenation beats push + join here). */
  private out = '';
  private readonly frames: Frame[] = [];
  private readonly names: string[] = [];
  /** Kept elements open in the output (innermost last) and their index in `frames`. */
  private readonly openNames: string[] = [];
  private readonly openFrames: number[] = [];
  /** The start tag written for each open element (parallel to openNames), to reopen it. */
  private readonly openTags: string[] = [];
  /** Formatting elements ended early that the source still has open, outermost first. */
  private reopen: Array<{ name: string; tag: string; frame: number }> = [];
  private dropDepth = 0;
  private preDepth = 0;
  private readonly images: string[] = [];
  /** Whether nothing has been written yet inside the innermost open <pre>. */
  private preStart = false;
  /** Whether the next event is the first inside a <pre> (a line break there is not content). */
  private preLead = false;
  /** Text not yet written (see text()). */
  private pendingText = '';
  /** Whether the pending text is inside a <pre> (kept as is rather than folded). */
  private pendingPre = false;

  private readonly rules: Map<string, ElementRule>;

  constructor(private readonly options: WriterOptions) {
    this.rules = rulesOf(options.policy);
  }

  /** An element starts; name and attribute names lower-case, values entity-decoded. */
  openTag(name: string, attributes: Record<string, string>): void {
    this.preLead = false;
    this.names.push(name);
    const frame = this.dropDepth > 0 ? Frame.Drop : this.open(name, attributes);
    if (frame === Frame.Drop) this.dropDepth++;
    this.frames.push(frame);
  }

  /** Attributes matter only for elements that may be written, and only the allowed ones. */
  wantedAttributes(name: string): ReadonlySet<string> | null {
    if (this.dropDepth > 0) return null;
    const rule = this.rule(name);
    return rule.frame === Frame.Keep ? rule.read : null;
  }

  /** Writes the start tag of a kept element; returns what to do with the element. */
  private open(name: string, attributes: Record<string, string>): Frame {
    if (name === 'style' && this.options.keepStyle) {
      this.push('<style>');
      return Frame.Style;
    }
    const rule = this.rule(name);
    if (rule.frame !== Frame.Keep) return rule.frame;
    const kept = this.keptAttributes(name, attributes, rule.allowed);
    if (kept === undefined) return Frame.Drop;
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
    for (const attribute in kept) {
      const value = kept[attribute]!;
      // Always quoted, empty too (`alt=""`): the form other tools that read posts expect.
      tag += ` ${attribute}="${escapeMarkupAttribute(value)}"`;
    }
    tag += '>';
    this.push(tag);
    if (!rule.isVoid) {
      this.openNames.push(name);
      this.openFrames.push(this.frames.length);
      this.openTags.push(tag);
    }
    if (rule.preserve) {
      this.preDepth++;
      this.preStart = true;
      this.preLead = true;
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
      this.push(`</${ended}>`);
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
      this.out += entry.tag;
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
      this.push(`<${implicit}>`);
      this.openNames.push(implicit);
      this.openFrames.push(IMPLICIT);
      this.openTags.push(`<${implicit}>`);
    }
  }

  /** Text content, entity-decoded. */
  text(data: string): void {
    if (this.dropDepth > 0) return;
    if (this.frames[this.frames.length - 1] === Frame.Style) {
      this.push(escapeMarkupCss(data));
      return;
    }
    // Text runs separated only by dropped or unwrapped elements are written as one, so their
    // whitespace folds the same way on every pass (sanitizing twice changes nothing) and split
    // text events (a stray end tag between them) read like the one text node a tree holds.
    if (this.preDepth > 0) {
      // Parsers drop a line break right after <pre> (HTML §13.2.6.4.7), so the reader never
      // saw it; only the first event after the start tag can hold it.
      const text = this.preLead ? data.replace(/^\r?\n|^\r/, '') : data;
      this.preLead = false;
      if (text === '') return;
      this.pendingText += text;
      this.pendingPre = true;
      return;
    }
    this.pendingText += data;
  }

  private push(html: string): void {
    if (this.pendingText !== '') this.flushText();
    this.out += html;
    this.preStart = false;
  }

  private flushText(): void {
    const raw = this.pendingText;
    this.pendingText = '';
    if (this.pendingPre) {
      this.pendingPre = false;
      // A leading break of what is written needs an element before it to survive a re-parse.
      if (this.preStart && (raw.startsWith('\n') || raw.startsWith('\r'))) this.out += '<span></span>';
      this.placeText(raw);
      this.reconstruct();
      this.out += escapeMarkupText(raw);
      this.preStart = false;
      return;
    }
    this.placeText(raw);
    this.reconstruct();
    this.out += escapeMarkupText(raw);
  }

  /** The element opened last ends (parsers report implied ends too, so events stay balanced). */
  closeTag(): void {
    this.preLead = false;
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
    if (frame === Frame.Drop) {
      this.dropDepth--;
      return;
    }
    if (frame === Frame.Style) this.push('</style>');
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
        this.push(`</${ended}>`);
        if (own) break;
      }
    }
  }

  /** A comment: dropped unless comments are kept. */
  comment(data: string): void {
    this.preLead = false;
    if (this.dropDepth > 0 || !this.options.keepComments) return;
    if (this.frames[this.frames.length - 1] === Frame.Style) return;
    this.push(`<!-- ${escapeMarkupComment(data)} -->`);
  }

  /** The safe HTML and the meaningful images in document order. */
  finish(): { html: string; images: string[] } {
    while (this.frames.length > 0) this.closeTag();
    if (this.pendingText !== '') this.flushText();
    this.endOpen(this.openNames.length);
    return { html: this.out, images: this.images };
  }

  /** The policy's rule for element `name`. */
  private rule(name: string): ElementRule {
    let rule = this.rules.get(name);
    if (rule === undefined) {
      const { policy } = this.options;
      const allowed = new Set([...policy.globalAttributes, ...(policy.attributes[name] ?? [])]);
      rule = {
        // svg and math go whatever the policy says: their content is parsed as foreign markup
        // (no raw text, CDATA), which this HTML serializer cannot write safely.
        frame:
          policy.dropWithContent.has(name) || FOREIGN_ROOTS.has(name)
            ? Frame.Drop
            : policy.elements.has(name)
              ? Frame.Keep
              : Frame.Unwrap,
        allowed,
        read:
          name === 'img'
            ? new Set([...allowed, ...LAZY_SOURCE_ATTRIBUTES, ...LAZY_SRCSET_ATTRIBUTES])
            : allowed,
        isVoid: VOID.has(name),
        preserve: PRESERVE_WHITESPACE.has(name),
      };
      this.rules.set(name, rule);
    }
    return rule;
  }

  /** The attributes an element keeps; undefined when the whole element must go. */
  private keptAttributes(
    name: string,
    attributes: Record<string, string>,
    allowed: ReadonlySet<string>,
  ): Record<string, string> | undefined {
    const { policy, bases } = this.options;
    const kept: Record<string, string> = {};
    if (name === 'img') promoteLazySource(attributes);
    // Attribute names arrive lower-case (htmlparser2 in HTML mode).
    for (const lower in attributes) {
      if (!allowed.has(lower)) continue;
      const value = attributes[lower]!;
      if (URL_ATTRIBUTES.has(lower)) {
        const schemes = policy.urlSchemes[lower];
        if (schemes === undefined) continue;
        const dataTypes = name === 'img' && lower === 'src' ? policy.imageDataTypes : undefined;
        const url = resolveUrl(value, bases, schemes, dataTypes);
        if (url !== undefined) kept[lower] = url.startsWith('#') ? `#${namespaced(url.slice(1))}` : url;
      } else if (lower === 'srcset') {
        const srcset = resolveSrcset(value, bases, policy.urlSchemes.srcset ?? new Set());
        if (srcset !== undefined) kept[lower] = srcset;
      } else if (lower === 'style') {
        const style = sanitizeStyle(value, policy.styleProperties);
        if (style !== undefined) kept[lower] = style;
      } else if (lower === 'target') {
        if (policy.targets.has(value.trim().toLowerCase())) kept[lower] = value.trim().toLowerCase();
      } else if (lower === 'id' || lower === 'name') {
        if (value !== '') kept[lower] = namespaced(value);
      } else if (lower !== 'rel') kept[lower] = value;
    }
    if (name === 'a' && kept.target === '_blank') kept.rel = 'noopener noreferrer';
    else if (name === 'a' && attributes.rel !== undefined) kept.rel = attributes.rel;
    if (name === 'iframe') return this.iframeAllowed(kept.src) ? kept : undefined;
    if (name === 'img') return this.image(kept);
    return kept;
  }

  private image(kept: Record<string, string>): Record<string, string> | undefined {
    // An image with only a srcset still shows: its first candidate is the fallback src.
    if (kept.src === undefined && kept.srcset !== undefined) {
      kept.src = kept.srcset.split(/[\s,]/, 1)[0]!;
      const { srcset } = kept;
      delete kept.srcset;
      kept.srcset = srcset;
    }
    const src = kept.src;
    if (src === undefined) return undefined;
    if (isTrackingPixel(src, kept.width, kept.height)) return undefined;
    if (isMeaningfulImage(src, kept)) this.images.push(src);
    kept.referrerpolicy = 'no-referrer';
    kept.loading = 'lazy';
    kept.decoding = 'async';
    return kept;
  }

  private iframeAllowed(src: string | undefined): boolean {
    if (src === undefined || !/^https:/i.test(src)) return false;
    const host = new URL(src).hostname.toLowerCase();
    return this.options.iframeHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
  }
}

// Feed ids and names get a prefix (as GitHub does with `user-content-`) so that an element
// cannot clobber a theme's globals or ids (`<img id="CONFIG">` → window.CONFIG); in-page links
// are rewritten to match. Already prefixed values stay, so sanitizing twice changes nothing.
const ID_PREFIX = 'feedmill-';

function namespaced(value: string): string {
  return value.startsWith(ID_PREFIX) ? value : ID_PREFIX + value;
}

/** Moves a lazy-loader's real URL into `src`/`srcset` when `src` is only a placeholder. */
function promoteLazySource(attributes: Record<string, string>): void {
  // Look for a lazy-loader's attribute first: most images have none, and then src stays.
  const source = firstValue(attributes, LAZY_SOURCE_ATTRIBUTES);
  const srcset = attributes.srcset === undefined ? firstValue(attributes, LAZY_SRCSET_ATTRIBUTES) : undefined;
  if ((source === undefined && srcset === undefined) || !isPlaceholderSource(attributes.src)) return;
  if (source !== undefined) attributes.src = source;
  if (srcset !== undefined) attributes.srcset = srcset;
}

function firstValue(attributes: Record<string, string>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = attributes[name];
    if (value !== undefined && value.trim() !== '') return value;
  }
  return undefined;
}
