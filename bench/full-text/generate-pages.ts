/**
 * Seeded article pages for the full-text benchmark: news and blog layouts with navigation,
 * related links, ads, comment sections, images with relative URLs and Chinese or English text,
 * 5–22 KB each (about 13 KB on average), the same on every run.
 */
import { seededRandom } from '../lib/seeded-random.ts';

const EN =
  'the council said river bridge plans would cost more than expected and residents asked for a public meeting before any work starts next year'.split(
    ' ',
  );
const ZH =
  '记者从市政府获悉今年城市更新项目将重点推进老旧小区改造和公共交通建设相关部门表示将加快审批流程确保按期完工'.split(
    '',
  );

/** `count` pages, keyed by their path. */
export function generatePages(count: number, seed = 15): Map<string, string> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const words = (chinese: boolean, n: number) =>
    chinese
      ? Array.from({ length: n * 2 }, () => pick(ZH)).join('')
      : Array.from({ length: n }, () => pick(EN)).join(' ');
  const pages = new Map<string, string>();
  for (let index = 0; index < count; index++) {
    const chinese = random() < 0.5;
    const paragraphs = 5 + Math.floor(random() * 25);
    const body: string[] = [];
    for (let p = 0; p < paragraphs; p++) {
      body.push(`<p>${words(chinese, 30 + Math.floor(random() * 60))}</p>`);
      if (random() < 0.2)
        body.push(
          `<figure><img src="img/${index}-${p}.jpg" alt=""><figcaption>${words(chinese, 8)}</figcaption></figure>`,
        );
      if (random() < 0.1)
        body.push(`<div class="ad"><a href="https://ads.example/${p}">${words(chinese, 6)}</a></div>`);
    }
    const related = Array.from(
      { length: 8 },
      (_, n) => `<li><a href="/a/${index + n}.html">${words(chinese, 6)}</a></li>`,
    ).join('');
    const comments = Array.from(
      { length: Math.floor(random() * 30) },
      (_, n) =>
        `<li class="comment"><b>user${n}</b><p>${words(chinese, 20 + Math.floor(random() * 20))}</p></li>`,
    ).join('');
    const nav = Array.from(
      { length: 20 },
      (_, n) => `<li><a href="/section/${n}/">${words(chinese, 2)}</a></li>`,
    ).join('');
    const layout = random() < 0.5;
    const article = layout
      ? `<article><h1>${words(chinese, 8)}</h1><p class="meta">2026-03-${(index % 28) + 1}</p>${body.join('')}</article>`
      : `<div class="post"><h2 class="title">${words(chinese, 8)}</h2><div class="post-content">${body.join('')}</div></div>`;
    pages.set(
      `/a/${index}.html`,
      `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${words(chinese, 8)}</title>` +
        `<script>var config = { id: ${index} };</script><style>body { margin: 0 }</style></head><body>` +
        `<header><nav><ul>${nav}</ul></nav></header><div class="ad ad-top"><img src="https://ads.example/b.gif"></div>` +
        `<main>${article}<aside class="related"><h3>Related</h3><ul>${related}</ul></aside>` +
        `<section class="comments"><h3>Comments</h3><ol>${comments}</ol></section></main>` +
        `<footer><p>© site</p><ul>${nav}</ul></footer><script src="/app.js"></script></body></html>`,
    );
  }
  return pages;
}
