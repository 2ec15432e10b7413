// Screenshots of the same pages of two builds of a site (before and after a change to the
// scaffold), in Debian's chromium with every outside request answered locally, and whether each
// page's main column (Volantis: #l_main, else <main> or <body>) renders pixel for pixel the same.
// Usage: node --import tsx bench/site/screenshot-pages.ts [--dark] <public-before> <public-after> <out-dir> <page>…
// (--dark: as a system in dark mode, prefers-color-scheme: dark.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { withBrowser } from '../../test/browser/chromium.ts';
import { serveStatic } from '../../test/browser/serve-static.ts';

/** Pixels that differ between two PNGs (all of them when the sizes differ), counted in a canvas. */
async function differingPixels(page: Page, a: Buffer, b: Buffer): Promise<string> {
  // A string, so that the TypeScript loader's helpers (__name) never reach the page.
  const compare = `(async ([first, second]) => {
    const load = async (base64) => {
      const image = new Image();
      image.src = 'data:image/png;base64,' + base64;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      return context.getImageData(0, 0, image.width, image.height);
    };
    const x = await load(first);
    const y = await load(second);
    if (x.width !== y.width || x.height !== y.height) return 'all (' + x.width + '×' + x.height + ' and ' + y.width + '×' + y.height + ')';
    let count = 0;
    let top = Infinity;
    let bottom = -1;
    for (let index = 0; index < x.data.length; index += 4)
      if (x.data[index] !== y.data[index] || x.data[index + 1] !== y.data[index + 1] || x.data[index + 2] !== y.data[index + 2]) {
        count++;
        const row = Math.floor(index / 4 / x.width);
        top = Math.min(top, row);
        bottom = Math.max(bottom, row);
      }
    return count === 0 ? '0' : count + ' (rows ' + top + '–' + bottom + ')';
  })(${JSON.stringify([a.toString('base64'), b.toString('base64')])})`;
  return (await page.evaluate(compare)) as string;
}

const dark = process.argv[2] === '--dark';
const [before, after, out, ...pages] = process.argv.slice(dark ? 3 : 2);
if (!before || !after || !out || pages.length === 0)
  throw new Error('usage: screenshot-pages.ts [--dark] <public-before> <public-after> <out-dir> <page>…');
mkdirSync(out, { recursive: true });

const servers = await Promise.all([serveStatic(before), serveStatic(after)]);
try {
  await withBrowser(async (context) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
    for (const [index, path] of pages.entries()) {
      const shots: Buffer[] = [];
      for (const [side, server] of [
        ['before', servers[0]],
        ['after', servers[1]],
      ] as const) {
        await page.goto(`${server.url}${encodeURI(path)}`, { waitUntil: 'load' });
        await page.waitForTimeout(1500); // the theme's fade-ins and lazy images
        await page.screenshot({ path: join(out, `${index}-${side}.png`), fullPage: true });
        const candidates = ['#l_main', 'main', 'body'];
        let selector = 'body';
        for (const candidate of candidates)
          if ((await page.locator(candidate).count()) > 0) {
            selector = candidate;
            break;
          }
        const main = page.locator(selector).first();
        shots.push(await main.screenshot({ path: join(out, `${index}-${side}-main.png`) }));
      }
      const differing = shots[0]!.equals(shots[1]!) ? '0' : await differingPixels(page, shots[0]!, shots[1]!);
      const verdict = differing === '0' ? 'same' : `${differing} pixel(s) differ`;
      console.log(`${verdict}: main column of ${path}`);
      writeFileSync(join(out, `${index}.txt`), `${path}\n${verdict}\n`);
    }
  });
} finally {
  for (const { server } of servers) server.close();
}
