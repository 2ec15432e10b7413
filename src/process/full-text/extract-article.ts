import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import type * as Linkedom from 'linkedom';
import { absolutizeUrls } from './absolutize-urls.ts';
import { nestsDeeperThan, type TreeElement } from './tree-depth.ts';

/** The DOM surface extraction needs; linkedom's and jsdom's documents both have it. */
export interface ArticleElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  remove(): void;
  readonly outerHTML: string;
  readonly textContent: string | null;
}

/** A parsed page; see {@link ArticleElement}. */
export interface ArticleDocument {
  readonly documentElement: TreeElement | null;
  querySelector(selector: string): ArticleElement | null;
  querySelectorAll(selector: string): ArrayLike<ArticleElement>;
}

/**
 * Pages nested deeper than this are no article. Browsers stop nesting there (Blink's parser
 * puts deeper elements beside the 512th level), and Readability, whose time grows with the
 * square of the depth and which recurses over the tree, would block the run for minutes on a
 * hostile page of a megabyte.
 */
export const MAX_PAGE_DEPTH = 512;

/** Parses a whole HTML page into a document (linkedom by default; the benchmark passes jsdom). */
export type ParseDocument = (html: string, url: string) => ArticleDocument;

/** Where the article is: `selector` (every match, in order), else Readability; `remove` goes first. */
export interface ExtractRule {
  selector?: string;
  remove: readonly string[];
}

/** What extraction found: the article's HTML with absolute URLs and its text, or nothing. */
export type ArticleOutcome =
  | { kind: 'extracted'; html: string; text: string }
  | { kind: 'not-found'; reason: string };

// linkedom is some 150 modules (a fifth of a run's start-up CPU), and only feeds with full
// text need it: it is loaded on the first page, synchronously since extraction is.
let linkedom: typeof Linkedom | undefined;
const parseWithLinkedom: ParseDocument = (html) => {
  linkedom ??= createRequire(import.meta.url)('linkedom') as typeof Linkedom;
  return linkedom.parseHTML(html).document as unknown as ArticleDocument;
};

/**
 * Extracts the article of one page. URLs are made absolute against the page's own base (its
 * final URL and `<base href>`) first, so the result can be cleaned anywhere.
 */
export function extractArticle(
  html: string,
  pageUrl: string,
  rule: ExtractRule,
  parse: ParseDocument = parseWithLinkedom,
): ArticleOutcome {
  const document = parse(html, pageUrl);
  if (document.documentElement !== null && nestsDeeperThan(document.documentElement, MAX_PAGE_DEPTH))
    return { kind: 'not-found', reason: `the page nests elements deeper than ${MAX_PAGE_DEPTH} levels` };
  for (const selector of rule.remove) {
    for (const element of Array.from(document.querySelectorAll(selector))) element.remove();
  }
  absolutizeUrls(document, pageUrl);
  if (rule.selector !== undefined) {
    const found = Array.from(document.querySelectorAll(rule.selector));
    const text = foldSpace(found.map((element) => element.textContent ?? '').join(' '));
    if (text === '') return { kind: 'not-found', reason: `nothing matched ${rule.selector} with text in it` };
    return { kind: 'extracted', html: found.map((element) => element.outerHTML).join(''), text };
  }
  // Readability's types name the DOM's Document, which a Node program does not have.
  const article = new Readability<string>(document as never, { serializer: withoutPageWrappers }).parse();
  const text = foldSpace(article?.textContent ?? '');
  if (!article?.content || text === '') return { kind: 'not-found', reason: 'Readability found no article' };
  return { kind: 'extracted', html: article.content, text };
}

interface SerializedNode {
  readonly children: ArrayLike<SerializedNode>;
  readonly id?: string;
  readonly innerHTML: string;
  readonly outerHTML: string;
}

/**
 * Readability wraps each page it read in `<div id="readability-page-N" class="page">`; a post
 * body gets their content only, since themes style `.page` and ids must stay unique on a page.
 */
function withoutPageWrappers(node: unknown): string {
  const root = node as SerializedNode;
  return Array.from(root.children, (child) =>
    child.id?.startsWith('readability-page-') ? child.innerHTML : child.outerHTML,
  ).join('');
}

/** Text with runs of white space as one space, trimmed: what the length comparison counts. */
export function foldSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
