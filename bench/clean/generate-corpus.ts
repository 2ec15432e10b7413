import { seededRandom } from '../lib/seeded-random.ts';

/**
 * A deterministic corpus of RSSHub-style item bodies (Sina/WeChat-like): CJK paragraphs, nested
 * <font> and <span>, images (some lazy-loaded, some tracking pixels), comments, a <style> block,
 * QR-code boxes, links and the odd handler. 5–20 KB each.
 */

const HANZI =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';
const PUNCT = '，。、；：！？“”（）《》';

function cjk(random: () => number, length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) {
    text +=
      random() < 0.08
        ? PUNCT[Math.floor(random() * PUNCT.length)]
        : HANZI[Math.floor(random() * HANZI.length)];
  }
  return text;
}

function image(random: () => number, index: number): string {
  const id = Math.floor(random() * 1e8).toString(16);
  const kind = random();
  if (kind < 0.5)
    return `<div class="img_wrapper"><img id="${index}" src="https://n.sinaimg.cn/finance/crawl/${id}.jpg" alt=""><span class="img_descr"></span></div>\n`;
  if (kind < 0.75)
    return `<p><img class="lazy" src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" data-src="//mmbiz.qpic.cn/mmbiz_jpg/${id}/640?wx_fmt=jpeg" style="width: 100%; height: auto;" onload="lazy(this)"></p>\n`;
  if (kind < 0.9)
    return `<figure><img src="/upload/${id}.png" srcset="/upload/${id}.png 1x, /upload/${id}@2x.png 2x" width="640" height="360"><figcaption>${cjk(random, 12)}</figcaption></figure>\n`;
  return `<img src="https://feeds.feedburner.com/~r/sina/~4/${id}" width="1" height="1">\n`;
}

/** One body of 5–20 KB. */
export function generateBody(random: () => number): string {
  const target = 5_000 + Math.floor(random() * 15_000);
  let html =
    '<style type="text/css">\n.article p { text-indent: 2em; line-height: 1.8; }\n.img_wrapper { text-align: center; }\n</style>\n<div class="article">\n';
  let index = 0;
  while (Buffer.byteLength(html) < target) {
    const choice = random();
    if (choice < 0.55)
      html += `<p cms-style="font-L">　　${cjk(random, 40 + Math.floor(random() * 120))}</p>\n`;
    else if (choice < 0.7)
      html += `<p cms-style="font-L">　　<font cms-style="font-L"><font cms-style="font-L">${cjk(random, 20)}</font></font></p>\n`;
    else if (choice < 0.82) html += image(random, index++);
    else if (choice < 0.88)
      html += `<!-- ad slot ${index} --><p><a href="/doc/${index}.shtml" target="_blank" onclick="track()">${cjk(random, 10)}</a></p>\n`;
    else if (choice < 0.93)
      html += `<p><span style="color: #333; font-size: 16px; position: fixed">${cjk(random, 30)}</span> {{ 数据 }} &amp; ${cjk(random, 8)}</p>\n`;
    else if (choice < 0.97) html += `<blockquote><p>${cjk(random, 50)}</p></blockquote>\n`;
    else
      html += `<div class="appendQr_wrap"><div class="appendQr_normal"><img src="https://n.sinaimg.cn/qr/${index}.png"></div><div class="appendQr_normal_txt">${cjk(random, 14)}</div></div>\n`;
  }
  html += `<p class="article-editor">责任编辑：${cjk(random, 3)}</p>\n<script>window.__x = 1;</script>\n</div>`;
  return html;
}

/** `count` bodies from `seed`. */
export function generateCorpus(count: number, seed = 20211216): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => generateBody(random));
}
