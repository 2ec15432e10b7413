/** One item of a generated test feed. */
export interface TestItem {
  guid: string;
  title: string;
  html: string;
  date: Date;
}

/** Builds an RSS 2.0 document (items' HTML in CDATA, as RSSHub serves it). */
export function rssFeed(title: string, items: readonly TestItem[]): string {
  const entries = items
    .map(
      (item) =>
        `<item><title><![CDATA[${item.title}]]></title><guid isPermaLink="false">${item.guid}</guid>` +
        `<link>https://example.test/${encodeURIComponent(item.guid)}</link>` +
        `<pubDate>${item.date.toUTCString()}</pubDate><description><![CDATA[${item.html}]]></description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title><link>https://example.test/</link><description>test</description>\n${entries}\n</channel></rss>\n`;
}
