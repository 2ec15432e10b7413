import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createHexoSite, postPages, REPO_ROOT, runFeedmill } from '../support/hexo-site.ts';

test('with a site timezone the date is local wall time that Hexo reads as the same instant', async () => {
  const site = createHexoSite({ timezone: 'Asia/Shanghai', renderer: 'markdown-it' });
  try {
    const feed = join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml');
    writeFileSync(
      join(site.root, 'feedmill.yml'),
      `feeds:\n  - url: ${JSON.stringify(feed)}\n    categories: [金融, 新浪财经, 新浪财经－国內]\n`,
    );
    const run = await runFeedmill(['run'], site.root);
    assert.equal(run.code, 0, run.stderr);
    const folder = join(site.postsDir, '金融', '新浪财经', '新浪财经－国內');
    const [name] = readdirSync(folder);
    const post = readFileSync(join(folder, name!), 'utf8');
    assert.match(post, /\ndate: '?2021-12-16 14:21:53'?\n/);
    const generate = await site.generate();
    assert.equal(generate.code, 0, generate.stderr);
    const pages = postPages(site);
    assert.equal(pages.length, 1);
    const page = readFileSync(pages[0]!, 'utf8');
    assert.match(pages[0]!, /2021\/12\/16/);
    assert.match(page, /datetime="2021-12-16T06:21:53\.000Z"/);
  } finally {
    site.remove();
  }
});
