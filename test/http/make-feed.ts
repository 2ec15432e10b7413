/** One item of a generated test feed. */
export interface TestItem {
  guid: string;
  title: string;
  html: string;
  date: Date;
}

/** Builds an RSS 2.0 document (items' HTML in CDATA, as RSSHub serves it). */
export function rssFeed(title: string, items: readonly TestItem[]): string {
  const entries = items.map(rssItem).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title><link>https://example.test/</link><description>test</description>\n${entries}\n</channel></rss>\n`;
}

function rssItem(item: TestItem): string {
  return (
    `<item><title><![CDATA[${item.title}]]></title><guid isPermaLink="false">${item.guid}</guid>` +
    `<link>https://example.test/${encodeURIComponent(item.guid)}</link>` +
    `<pubDate>${item.date.toUTCString()}</pubDate><description><![CDATA[${item.html}]]></description></item>`
  );
}

/**
 * An RSS document of at least `bytes` bytes: items of ~2.5 KB titled `Big item <n>`, a minute
 * apart, newest first (for the worker that reads feeds of 4 MiB or more).
 */
export function bigRssFeed(bytes: number): string {
  const html = `<p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(40)}</p>`;
  const items: TestItem[] = [];
  for (let n = 0, size = 0; size < bytes; n++) {
    const item = {
      guid: `big-${n}`,
      title: `Big item ${n}`,
      html,
      date: new Date(Date.UTC(2026, 0, 1) - n * 60_000),
    };
    items.push(item);
    size += rssItem(item).length + 1;
  }
  return rssFeed('Big', items);
}
