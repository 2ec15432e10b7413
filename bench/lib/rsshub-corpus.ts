/**
 * A deterministic generator of feeds for benchmarks. {@link generateCorpus}: RSSHub-style CJK
 * feeds, 5–20 KB HTML bodies, RSS 2.0 (CDATA), Atom and JSON Feed. {@link generateMixedCorpus}:
 * the shapes of feeds at large too (entity-escaped RSS, Atom html/xhtml/text, Latin text,
 * 10 KB–1 MB files). The same seed always gives the same bytes.
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

/** The language of a mixed-corpus feed's text. */
export type CorpusLanguage = 'cjk' | 'latin';

/** How a mixed-corpus feed carries its item bodies. */
export type BodyShape =
  | 'rss-cdata'
  | 'rss-escaped'
  | 'rss-wordpress'
  | 'atom-html'
  | 'atom-xhtml'
  | 'atom-text'
  | 'json-html';

/** One feed of the mixed corpus, with what it is made of. */
export interface MixedCorpusFeed extends CorpusFeed {
  shape: BodyShape;
  language: CorpusLanguage;
}

/** Options for {@link generateMixedCorpus}. */
export interface MixedCorpusOptions {
  seed?: number;
  /** How many feeds of each format (RSS, Atom, JSON Feed). */
  feedsPerFormat?: number;
  /** Smallest and largest file size in bytes; sizes are spread log-uniformly between them. */
  minBytes?: number;
  maxBytes?: number;
  /** Another rotation of shapes for a format (the default: see SHAPES). */
  shapes?: Partial<Record<CorpusFeed['format'], BodyShape[]>>;
}

// Words of English, French and German text, with a few non-ASCII Latin letters and an ampersand
// that every HTML or XML context has to escape.
const WORDS =
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will more what up out about who can into some them other than then could only its time these two may first like new over such our also after most made people world year state government during news report market city update release version support data open source team project week video music review game company price school health music science policy travel café naïve Zürich über résumé façade São Paulo Kraków R&D Q&A'.split(
    ' ',
  );
const NAMES = ['Alice Martin', 'Jean Dupont', 'Jürgen Weiß', 'María López', 'Sam Lee', 'Chris O’Neil'];

/** Escapes text for an XML or HTML text node or attribute value in double quotes. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Writes text in one language: CJK characters, or Latin words with sentence punctuation. */
class Voice {
  constructor(
    private readonly writer: Writer,
    readonly language: CorpusLanguage,
  ) {}
  /** About `size` characters of CJK text, or about three times as many Latin ones (similar bytes). */
  prose(size: number): string {
    if (this.language === 'cjk') return this.writer.hanzi(size);
    const words: string[] = [];
    let length = 0;
    let sentence = 0;
    while (length < size * 3) {
      let word = this.writer.pick<string>(WORDS);
      if (sentence === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
      sentence++;
      if (sentence > this.writer.int(8, 18)) {
        word += this.writer.pick(['.', '.', '?', '!']);
        sentence = 0;
      } else if (this.writer.random() < 0.08) word += ',';
      words.push(word);
      length += word.length + 1;
    }
    return words.join(' ');
  }
  title(): string {
    return this.language === 'cjk'
      ? `【${this.writer.hanzi(4)}】${this.writer.hanzi(this.writer.int(8, 24))}`
      : this.prose(this.writer.int(3, 8)).replace(/[.,?!]$/, '');
  }
  author(): string {
    return this.language === 'cjk' ? this.writer.hanzi(3) : this.writer.pick(NAMES);
  }
  /**
   * An HTML body of about `bytes` UTF-8 bytes (images, links, entities, comments, now and then a
   * <style> block); `xhtml` makes it well-formed XML (no HTML-only entities, void tags closed).
   */
  html(bytes: number, xhtml: boolean): string {
    const writer = this.writer;
    const close = xhtml ? ' /' : '';
    const space = xhtml ? '&#160;' : '&nbsp;';
    const parts: string[] = [];
    if (writer.random() < 0.3)
      parts.push(`<style>.post p{margin:0 0 1em}.c${writer.int(0, 99)}{color:#333}</style>`);
    let size = 0;
    while (size < bytes) {
      const roll = writer.random();
      let part: string;
      if (roll < 0.1) {
        part = `<p><img src="https://img.example.org/${writer.int(1, 1e9)}.jpg" alt="${escapeText(this.prose(4))}"${close}></p>`;
      } else if (roll < 0.14) {
        part = `<!-- ${this.prose(6)} -->`;
      } else if (roll < 0.26) {
        part = `<p><a href="https://www.example.org/a/${writer.int(1, 1e6)}?ref=feed&amp;id=${writer.int(1, 999)}">${escapeText(this.prose(8))}</a>${space}&amp;${space}<strong>${escapeText(this.prose(6))}</strong><br${close}>${escapeText(this.prose(20))}</p>`;
      } else if (roll < 0.32) {
        part = `<blockquote><p>${escapeText(this.prose(30))}</p></blockquote>`;
      } else if (roll < 0.36) {
        part = `<pre><code>if (a &lt; b &amp;&amp; c &gt; d) { run(${writer.int(0, 99)}); }</code></pre>`;
      } else {
        part = `<p>${escapeText(this.prose(writer.int(30, 160)))}</p>`;
      }
      parts.push(part);
      size += Buffer.byteLength(part);
    }
    return parts.join('\n');
  }
  /** Plain text of about `bytes` UTF-8 bytes, paragraphs split by blank lines (Atom type="text"). */
  text(bytes: number): string {
    const parts: string[] = [];
    let size = 0;
    while (size < bytes) {
      const part = this.prose(this.writer.int(30, 160));
      parts.push(part);
      size += Buffer.byteLength(part) + 2;
    }
    return parts.join('\n\n');
  }
}

/** How many shapes each format rotates through, in order. */
const SHAPES: Record<CorpusFeed['format'], BodyShape[]> = {
  rss: ['rss-cdata', 'rss-escaped', 'rss-cdata', 'rss-cdata'],
  atom: ['atom-html', 'atom-xhtml', 'atom-text'],
  json: ['json-html'],
};

/**
 * A mixed-corpus RSS 2.0 document: bodies in CDATA, entity-escaped, or as WordPress writes them
 * (an escaped excerpt of the text in <description>, the whole body in CDATA in <content:encoded>).
 */
function mixedRss(
  list: MixedItem[],
  site: number,
  voice: Voice,
  style: 'cdata' | 'escaped' | 'wordpress',
): string {
  const language = voice.language === 'cjk' ? 'zh-cn' : 'en-us';
  const wrap = (text: string) => (style === 'escaped' ? escapeText(text) : `<![CDATA[${text}]]>`);
  const content = style === 'wordpress' ? ' xmlns:content="http://purl.org/rss/1.0/modules/content/"' : '';
  const parts = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"${content}>\n<channel>\n<title>${escapeText(voice.title())}</title>\n<link>https://www.example.org/s${site}/</link>\n<description>${escapeText(voice.prose(20))}</description>\n<language>${language}</language>\n<lastBuildDate>${new Date(Date.UTC(2021, 11, 16, 9)).toUTCString()}</lastBuildDate>\n`,
  ];
  for (const item of list) {
    const body =
      style === 'wordpress'
        ? `<description>${escapeText(`<p>${escapeText(item.summary)} [&#8230;]</p>`)}</description>\n<content:encoded>${wrap(item.body)}</content:encoded>`
        : `<description>${wrap(item.body)}</description>`;
    parts.push(
      `<item>\n<title>${wrap(item.title)}</title>\n<link>${item.link}</link>\n<guid isPermaLink="true">${item.link}</guid>\n<pubDate>${item.date.toUTCString()}</pubDate>\n<dc:creator>${wrap(item.author)}</dc:creator>\n${item.tags.map((tag) => `<category>${escapeText(tag)}</category>`).join('')}\n${body}\n</item>\n`,
    );
  }
  parts.push('</channel>\n</rss>\n');
  return parts.join('');
}

/** A mixed-corpus Atom document whose entries all carry `type` content. */
function mixedAtom(list: MixedItem[], site: number, voice: Voice, type: 'html' | 'xhtml' | 'text'): string {
  const lang = voice.language === 'cjk' ? 'zh-CN' : 'en';
  const parts = [
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">\n<title type="text">${escapeText(voice.title())}</title>\n<id>https://www.example.org/s${site}/</id>\n<link rel="alternate" type="text/html" href="https://www.example.org/s${site}/"/>\n<link rel="self" href="https://www.example.org/s${site}/feed.atom"/>\n<updated>2021-12-16T09:00:00Z</updated>\n`,
  ];
  for (const item of list) {
    const content =
      type === 'xhtml'
        ? `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${item.body}</div></content>`
        : `<content type="${type}">${escapeText(item.body)}</content>`;
    parts.push(
      `<entry>\n<title type="text">${escapeText(item.title)}</title>\n<id>${item.link}</id>\n<link rel="alternate" href="${item.link}"/>\n<published>${item.date.toISOString()}</published>\n<updated>${item.date.toISOString()}</updated>\n<author><name>${escapeText(item.author)}</name></author>\n${item.tags.map((tag) => `<category term="${escapeText(tag)}"/>`).join('')}\n<summary type="text">${escapeText(item.summary)}</summary>\n${content}\n</entry>\n`,
    );
  }
  parts.push('</feed>\n');
  return parts.join('');
}

/** A mixed-corpus JSON Feed 1.1 document. */
function mixedJson(list: MixedItem[], site: number, voice: Voice): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: voice.title(),
    home_page_url: `https://www.example.org/s${site}/`,
    feed_url: `https://www.example.org/s${site}/feed.json`,
    language: voice.language === 'cjk' ? 'zh-CN' : 'en',
    items: list.map((item) => ({
      id: item.link,
      url: item.link,
      title: item.title,
      summary: item.summary,
      content_html: item.body,
      date_published: item.date.toISOString(),
      authors: [{ name: item.author }],
      tags: item.tags,
    })),
  });
}

interface MixedItem {
  title: string;
  link: string;
  body: string;
  summary: string;
  date: Date;
  author: string;
  tags: string[];
}

/**
 * A corpus with the shapes of feeds at large: per format, shapes in rotation (one RSS feed in
 * four entity-escaped, the rest CDATA; Atom content type html, xhtml and text in turn), CJK or
 * Latin text alternating across the rotation, and file sizes spread log-uniformly from 10 KB to 1 MB.
 */
export function generateMixedCorpus(options: MixedCorpusOptions = {}): MixedCorpusFeed[] {
  const { seed = 20240601, feedsPerFormat = 10, minBytes = 10_000, maxBytes = 1_000_000 } = options;
  const writer = new Writer(seed);
  const out: MixedCorpusFeed[] = [];
  const start = Date.UTC(2021, 11, 16, 8, 0, 0);
  for (let index = 0; index < feedsPerFormat; index++) {
    for (const format of ['rss', 'atom', 'json'] as const) {
      const shapes = options.shapes?.[format] ?? SHAPES[format];
      const shape = shapes[index % shapes.length]!;
      // Shifting by the rotation count pairs every shape with both languages.
      const language: CorpusLanguage =
        ((index % shapes.length) + Math.floor(index / shapes.length)) % 2 === 0 ? 'cjk' : 'latin';
      const voice = new Voice(writer, language);
      const site = out.length;
      // Stratified: feed `index` of a format draws from its own slice of the log scale, so even a
      // small corpus spans the whole range of sizes.
      const quantile = (index + writer.random()) / feedsPerFormat;
      const target = Math.round(minBytes * (maxBytes / minBytes) ** quantile);
      const count = writer.int(10, 30);
      // Each item's envelope (title, link, dates, tags) is about 600 bytes.
      const bodyBytes = Math.max(100, Math.floor(target / count) - 600);
      const list: MixedItem[] = [];
      for (let item = 0; item < count; item++) {
        const body =
          shape === 'atom-text' ? voice.text(bodyBytes) : voice.html(bodyBytes, shape === 'atom-xhtml');
        list.push({
          title: voice.title(),
          link: `https://www.example.org/s${site}/${item}-${writer.int(1, 1e9)}.html`,
          body,
          summary: voice.prose(writer.int(20, 60)),
          date: new Date(start - item * 3_600_000 - writer.int(0, 3_599_999)),
          author: voice.author(),
          tags: [writer.pick(TAGS), voice.prose(1).replace(/[.,?!]$/, '')],
        });
      }
      const text =
        format === 'rss'
          ? mixedRss(
              list,
              site,
              voice,
              shape === 'rss-escaped' ? 'escaped' : shape === 'rss-wordpress' ? 'wordpress' : 'cdata',
            )
          : format === 'atom'
            ? mixedAtom(
                list,
                site,
                voice,
                shape === 'atom-html' ? 'html' : shape === 'atom-xhtml' ? 'xhtml' : 'text',
              )
            : mixedJson(list, site, voice);
      out.push({ name: `${format}-${site}`, format, shape, language, bytes: encoder.encode(text) });
    }
  }
  return out;
}
