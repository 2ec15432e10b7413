/**
 * A deterministic generator of RSSHub-style feeds for benchmarks: CJK text, 5–20 KB HTML
 * bodies with images, comments and a <style> block, as RSS 2.0 (CDATA), Atom (escaped html
 * and inline xhtml) and JSON Feed 1.1. The same seed always gives the same bytes.
 */
import { seededRandom as prng } from './seeded-random.ts';

/** One generated feed document. */
export interface CorpusFeed {
  name: string;
  format: 'rss' | 'atom' | 'json';
  bytes: Uint8Array;
}

/** Options for {@link generateCorpus}. */
export interface CorpusOptions {
  seed?: number;
  /** How many feeds of each format. */
  feedsPerFormat?: number;
  itemsPerFeed?: number;
}

// Frequent Chinese characters, so the text looks like RSSHub's output for Chinese sites.
const HANZI =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
const PUNCT = '，。、；：？！“”（）《》';
const TAGS = ['科技', '社会', '财经', '国际', '体育', '娱乐', '热榜', '数码'];

class Writer {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = prng(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(list: readonly T[] | string): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }
  hanzi(length: number): string {
    let out = '';
    for (let index = 0; index < length; index++) {
      out += index > 0 && index % 17 === 0 ? this.pick<string>(PUNCT) : this.pick<string>(HANZI);
    }
    return out;
  }
  /** An HTML body of about `bytes` UTF-8 bytes; `xhtml` makes it well-formed XML. */
  body(bytes: number, xhtml: boolean): string {
    const close = xhtml ? ' /' : '';
    const parts: string[] = [
      `<style>.article p{line-height:1.8;margin:0 0 1em}.article img{max-width:100%;height:auto}.c${this.int(0, 99)}{color:#333}</style>`,
      `<!-- rsshub:${this.int(1, 1e6)} -->`,
    ];
    let size = 200;
    while (size < bytes) {
      const roll = this.random();
      let part: string;
      if (roll < 0.15) {
        part = `<p><img src="https://img.example.cn/${this.int(1, 1e9)}.jpg" alt="${this.hanzi(4)}" referrerpolicy="no-referrer"${close}></p>`;
      } else if (roll < 0.2) {
        part = `<!-- ${this.hanzi(6)} -->`;
      } else if (roll < 0.3) {
        part = `<p><a href="https://www.example.cn/a/${this.int(1, 1e6)}">${this.hanzi(8)}</a>&nbsp;&amp;&nbsp;<strong>${this.hanzi(6)}</strong><br${close}>${this.hanzi(20)}</p>`;
      } else {
        part = `<p>${this.hanzi(this.int(40, 160))}</p>`;
      }
      parts.push(part);
      size += part.length * 2.4;
    }
    return parts.join('\n');
  }
}

interface GeneratedItem {
  title: string;
  link: string;
  guid: string;
  html: string;
  xhtml: boolean;
  date: Date;
  author: string;
  tags: string[];
}

function items(
  writer: Writer,
  count: number,
  minBytes: number,
  maxBytes: number,
  site: number,
  first = 0,
): GeneratedItem[] {
  const out: GeneratedItem[] = [];
  const start = Date.UTC(2021, 11, 16, 8, 0, 0);
  // `first` numbers the items on across batches, so that every guid in a feed is distinct.
  for (let index = first; index < first + count; index++) {
    const xhtml = writer.random() < 0.3;
    out.push({
      title: `【${writer.hanzi(4)}】${writer.hanzi(writer.int(8, 24))}`,
      link: `https://www.example.cn/s${site}/article/${index}-${writer.int(1, 1e9)}.html`,
      guid: `https://www.example.cn/s${site}/article/${index}`,
      html: writer.body(writer.int(minBytes, maxBytes), xhtml),
      xhtml,
      date: new Date(start - index * 3_600_000 - writer.int(0, 3_599_999)),
      author: writer.hanzi(3),
      tags: [writer.pick(TAGS), writer.pick(TAGS)],
    });
  }
  return out;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An RSSHub-style RSS 2.0 document (CDATA titles and descriptions). */
export function rssDocument(list: GeneratedItem[], site: number): string {
  const parts = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">\n<channel>\n<title><![CDATA[站点${site} - 最新文章]]></title>\n<link>https://www.example.cn/s${site}/</link>\n<atom:link href="https://rsshub.app/example/${site}" rel="self" type="application/rss+xml"/>\n<description><![CDATA[站点${site} - Made with love by RSSHub(https://github.com/DIYgod/RSSHub)]]></description>\n<generator>RSSHub</generator>\n<language>zh-cn</language>\n<lastBuildDate>${new Date(Date.UTC(2021, 11, 16, 9)).toUTCString()}</lastBuildDate>\n<ttl>5</ttl>\n`,
  ];
  for (const item of list) {
    parts.push(
      `<item>\n<title><![CDATA[${item.title}]]></title>\n<description><![CDATA[${item.html}]]></description>\n<pubDate>${item.date.toUTCString()}</pubDate>\n<guid isPermaLink="false">${item.guid}</guid>\n<link>${item.link}</link>\n<author><![CDATA[${item.author}]]></author>\n${item.tags.map((tag) => `<category>${tag}</category>`).join('')}\n</item>\n`,
    );
  }
  parts.push('</channel>\n</rss>\n');
  return parts.join('');
}

/** An Atom 1.0 document: escaped html content, or inline xhtml for some entries. */
export function atomDocument(list: GeneratedItem[], site: number): string {
  const parts = [
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">\n<title>站点${site}</title>\n<id>https://www.example.cn/s${site}/</id>\n<link rel="alternate" href="https://www.example.cn/s${site}/"/>\n<link rel="self" href="https://rsshub.app/example/${site}.atom"/>\n<updated>2021-12-16T09:00:00Z</updated>\n`,
  ];
  for (const item of list) {
    const content = item.xhtml
      ? `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${item.html}</div></content>`
      : `<content type="html">${escapeXml(item.html)}</content>`;
    parts.push(
      `<entry>\n<title>${escapeXml(item.title)}</title>\n<id>${item.guid}</id>\n<link href="${item.link}"/>\n<published>${item.date.toISOString()}</published>\n<updated>${item.date.toISOString()}</updated>\n<author><name>${item.author}</name></author>\n${item.tags.map((tag) => `<category term="${tag}"/>`).join('')}\n${content}\n</entry>\n`,
    );
  }
  parts.push('</feed>\n');
  return parts.join('');
}

/** A JSON Feed 1.1 document. */
export function jsonDocument(list: GeneratedItem[], site: number): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: `站点${site}`,
    home_page_url: `https://www.example.cn/s${site}/`,
    feed_url: `https://rsshub.app/example/${site}.json`,
    items: list.map((item) => ({
      id: item.guid,
      url: item.link,
      title: item.title,
      content_html: item.html,
      date_published: item.date.toISOString(),
      authors: [{ name: item.author }],
      tags: item.tags,
    })),
  });
}

const encoder = new TextEncoder();

/** The benchmark corpus: `feedsPerFormat` feeds of each format, 5–20 KB bodies. */
export function generateCorpus(options: CorpusOptions = {}): CorpusFeed[] {
  const { seed = 20211216, feedsPerFormat = 10, itemsPerFeed = 20 } = options;
  const writer = new Writer(seed);
  const out: CorpusFeed[] = [];
  for (let index = 0; index < feedsPerFormat; index++) {
    for (const format of ['rss', 'atom', 'json'] as const) {
      const site = out.length;
      const list = items(writer, itemsPerFeed, 5_000, 20_000, site);
      const text =
        format === 'rss'
          ? rssDocument(list, site)
          : format === 'atom'
            ? atomDocument(list, site)
            : jsonDocument(list, site);
      out.push({ name: `${format}-${site}`, format, bytes: encoder.encode(text) });
    }
  }
  return out;
}

/**
 * One big RSS feed: `items` items whose bodies average `bytesPerItem` bytes (20,000 items of about 2.5 KB
 * gives the 50 MB feed of the issue). Built as a list of chunks to keep the generator's own
 * peak memory low, then joined into one buffer.
 */
export function generateBigFeed(itemCount: number, bytesPerItem = 2_050, seed = 50_000_000): Uint8Array {
  const writer = new Writer(seed);
  const chunks: Uint8Array[] = [];
  const batch = 500;
  for (let start = 0; start < itemCount; start += batch) {
    const list = items(
      writer,
      Math.min(batch, itemCount - start),
      bytesPerItem * 0.5,
      bytesPerItem * 1.5,
      0,
      start,
    );
    let text = rssDocument(list, 0);
    // Keep one channel: only the first batch keeps the head, only the last the tail.
    const head = text.indexOf('<item>');
    const tail = text.lastIndexOf('</channel>');
    text =
      (start === 0 ? text.slice(0, head) : '') +
      text.slice(head, tail) +
      (start + batch >= itemCount ? text.slice(tail) : '');
    chunks.push(encoder.encode(text));
  }
  return Buffer.concat(chunks);
}
