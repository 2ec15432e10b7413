import type { Diagnostic } from '../errors.ts';
import type { JsonFeed, JsonFeedItem } from '../model.ts';
import { literalText } from './plain-text.ts';
import { readDate } from './read-date.ts';
import type { ReadOptions } from './read-options.ts';
import { resolveFeedUrl } from './resolve-feed-url.ts';
import { elementsOf, textOf, type XmlElement } from './xml-tree.ts';

/** How many items a CDF document may give (channels nest; the whole tree is walked). */
const MAX_ITEMS = 10_000;

/** Whether the root element is a Channel Definition Format channel (`<CHANNEL>`, any case). */
export function isCdfChannel(root: XmlElement): boolean {
  return root.ns === '' && root.local.toUpperCase() === 'CHANNEL';
}

/**
 * Reads Microsoft's Channel Definition Format (W3C NOTE-CDFsubmit, 1997) into JSON Feed 1.1:
 * CHANNEL is the feed (HREF its home page, TITLE, ABSTRACT), each ITEM of it or of a nested
 * CHANNEL an item (HREF its link, TITLE, ABSTRACT as text, LASTMOD its date). Element and
 * attribute names are matched in any letter case, as Internet Explorer did.
 */
export function readCdf(root: XmlElement, options: ReadOptions, diagnostics: Diagnostic[]): JsonFeed {
  const rootBase = baseOf(root, options.url);
  const feed: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: childText(root, 'TITLE') ?? attribute(root, 'TITLE') ?? '',
    items: [],
  };
  const home = resolveFeedUrl(attribute(root, 'HREF'), rootBase);
  if (home) feed.home_page_url = home;
  const description = childText(root, 'ABSTRACT');
  if (description) feed.description = description;
  const logos = elementsOf(root).filter((child) => child.local.toUpperCase() === 'LOGO');
  const logo = logos.find((child) => attribute(child, 'STYLE')?.toUpperCase() === 'ICON') ?? logos[0];
  const icon = logo && resolveFeedUrl(attribute(logo, 'HREF'), rootBase);
  if (icon) feed.icon = icon;

  // Channels nest: items are read in document order, through an explicit stack of channels.
  const stack = [{ children: elementsOf(root), at: 0, base: rootBase }];
  while (stack.length > 0 && feed.items.length < MAX_ITEMS) {
    const top = stack[stack.length - 1]!;
    const child = top.children[top.at++];
    if (child === undefined) {
      stack.pop();
      continue;
    }
    const name = child.local.toUpperCase();
    if (name === 'CHANNEL') stack.push({ children: elementsOf(child), at: 0, base: baseOf(child, top.base) });
    else if (name === 'ITEM') {
      const item = readItem(child, top.base, options, diagnostics);
      if (item) feed.items.push(item);
    }
  }
  return feed;
}

function readItem(
  element: XmlElement,
  base: string | undefined,
  options: ReadOptions,
  diagnostics: Diagnostic[],
): JsonFeedItem | undefined {
  const usage = elementsOf(element).find((child) => child.local.toUpperCase() === 'USAGE');
  // USAGE VALUE="None": an item only precached, never shown to the reader.
  if (usage && attribute(usage, 'VALUE')?.trim().toUpperCase() === 'NONE') return undefined;
  const url = resolveFeedUrl(attribute(element, 'HREF'), baseOf(element, base));
  const title = childText(element, 'TITLE') ?? attribute(element, 'TITLE');
  const abstract = childText(element, 'ABSTRACT');
  if (!url && !title && !abstract) return undefined;
  const item: JsonFeedItem = { id: '' };
  if (url) item.url = url;
  if (title) item.title = title;
  if (abstract) item.content_text = abstract;
  // LASTMOD is the page's last change, the only date CDF gives: it serves as both.
  const date = readDate([attribute(element, 'LASTMOD')], options.timezone, diagnostics, url ?? title);
  if (date) {
    item.date_published = date;
    item.date_modified = date;
  }
  return item;
}

function childText(element: XmlElement, name: string): string | undefined {
  for (const child of elementsOf(element)) {
    if (child.local.toUpperCase() === name) return literalText(textOf(child)) || undefined;
  }
  return undefined;
}

function attribute(element: XmlElement, name: string): string | undefined {
  for (const key in element.attrs) if (key.toUpperCase() === name) return element.attrs[key];
  return undefined;
}

/** CDF's BASE attribute (like xml:base) for the relative HREFs inside an element. */
function baseOf(element: XmlElement, parentBase: string | undefined): string | undefined {
  return resolveFeedUrl(attribute(element, 'BASE'), element.base ?? parentBase) ?? element.base ?? parentBase;
}
