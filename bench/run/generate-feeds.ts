import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom as prng } from '../lib/seeded-random.ts';

const HAN =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';
const LATIN =
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore'.split(
    ' ',
  );

function text(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) {
    if (random() < 0.8) {
      for (let index = 0; index < 12; index++) out += HAN[Math.floor(random() * HAN.length)];
      out += random() < 0.3 ? '，' : '。';
    } else out += ` ${LATIN[Math.floor(random() * LATIN.length)]} ${Math.floor(random() * 1000)} `;
  }
  return out;
}

function itemHtml(random: () => number, feed: number, item: number, targetBytes: number): string {
  let html = '<div>';
  let image = 0;
  while (Buffer.byteLength(html) < targetBytes) {
    const roll = random();
    if (roll < 0.12) {
      html += `<div class="img_wrapper"><img id="${image}" src="https://n.sinaimg.cn/bench/${feed}/${item}/${image++}.jpg" alt=""><span class="img_descr"></span></div>\n`;
    } else if (roll < 0.2) {
      html += `<p cms-style="font-L">　　<a href="https://finance.example.cn/${feed}/${item}?ref=${Math.floor(random() * 1e6)}" target="_blank">${text(random, 20)}</a>${text(random, 120)}</p>\n`;
    } else if (roll < 0.25) {
      html += `<p cms-style="font-L">　　<font cms-style="font-L"><strong>${text(random, 30)}</strong></font></p>\n<script>track(${item})</script>\n`;
    } else html += `<p cms-style="font-L">　　${text(random, 200)}</p>\n`;
  }
  return `${html}</div>`;
}

/**
 * One RSSHub-style RSS 2.0 feed: `items` items of about `itemBytes` of HTML each, in CDATA,
 * dated an hour apart (deterministic for a given feed index and seed).
 */
export function generateFeed(feed: number, seed: number, items = 30, itemBytes = 16_000): string {
  const random = prng(seed * 100_003 + feed);
  const base = Date.UTC(2026, 10, 1);
  let body = `<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel>
<title><![CDATA[Bench feed ${feed}]]></title><link>https://finance.example.cn/${feed}/</link>
<atom:link href="https://rsshub.example/bench/${feed}" rel="self" type="application/rss+xml" />
<description><![CDATA[Bench feed ${feed} - Made with love by RSSHub(https://github.com/DIYgod/RSSHub)]]></description>
<generator>RSSHub</generator><language>zh-cn</language><ttl>5</ttl>
`;
  for (let item = 0; item < items; item++) {
    const title = text(random, 18).replace(/[<>&]/g, '');
    body += `<item><title><![CDATA[${title} ${feed}-${item}]]></title>
<description><![CDATA[${itemHtml(random, feed, item, itemBytes)}]]></description>
<pubDate>${new Date(base - (feed * 7 + item) * 3_600_000).toUTCString()}</pubDate>
<guid isPermaLink="false">https://finance.example.cn/${feed}/${item}.shtml</guid>
<link>https://finance.example.cn/${feed}/${item}.shtml</link></item>
`;
  }
  return `${body}</channel></rss>\n`;
}

/** Writes `count` feeds as `<folder>/feed-<n>.xml` and returns their paths. */
export function writeCorpus(folder: string, count: number, seed: number): string[] {
  mkdirSync(folder, { recursive: true });
  return Array.from({ length: count }, (_unused, feed) => {
    const path = join(folder, `feed-${feed}.xml`);
    writeFileSync(path, generateFeed(feed, seed));
    return path;
  });
}
