import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type FeedServer, startFeedServer } from '../http/feed-server.ts';
import { rssFeed } from '../http/make-feed.ts';
import { createHexoSite, runFeedmill } from '../support/hexo-site.ts';

const site = createHexoSite();
let server: FeedServer;
before(async () => {
  server = await startFeedServer();
});
after(async () => {
  site.remove();
  await server.close();
});

test('a feed URL with credentials is fetched with them, and its password shows nowhere', async () => {
  const expected = `Basic ${Buffer.from('reader:s3cret').toString('base64')}`;
  server.routes.set('/private.xml', (request, response) => {
    if (request.headers.authorization !== expected) response.writeHead(401).end();
    else
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          rssFeed('P', [
            { guid: 'p1', title: 'Private', html: '<p>x</p>', date: new Date('2026-12-01T00:00:00Z') },
          ]),
        );
  });
  server.routes.set('/broken.xml', (_request, response) => response.writeHead(500).end());
  const url = (path: string) => server.url(path).replace('http://', 'http://reader:s3cret@');
  writeFileSync(
    join(site.root, 'feedmill.yml'),
    `feeds:\n  - url: ${url('/private.xml')}\n    name: private\n    categories: [P]\n` +
      `  - url: ${url('/broken.xml')}\n    name: broken\n    categories: [B]\n`,
  );
  const summary = join(site.root, 'summary.md');
  writeFileSync(summary, '');
  process.env.GITHUB_STEP_SUMMARY = summary;
  let run: Awaited<ReturnType<typeof runFeedmill>>;
  try {
    run = await runFeedmill(['run'], site.root);
  } finally {
    delete process.env.GITHUB_STEP_SUMMARY;
  }
  assert.match(run.stdout, /private: 1 new/);
  assert.match(run.stdout + run.stderr, /broken/);
  const json = await runFeedmill(['run', '--json', '--retry'], site.root);
  const status = await runFeedmill(['status'], site.root);
  const statusJson = await runFeedmill(['status', '--json'], site.root);
  const failed = JSON.parse(json.stdout).feeds.find((feed: { name: string }) => feed.name === 'broken');
  assert.match(failed.message, /reader:\*\*\*@127\.0\.0\.1/);
  for (const [what, text] of [
    ['run', run.stdout + run.stderr],
    ['run --json', json.stdout + json.stderr],
    ['status', status.stdout + status.stderr],
    ['status --json', statusJson.stdout],
    ['job summary', readFileSync(summary, 'utf8')],
  ] as const) {
    assert.ok(text.length > 0, `${what} printed something`);
    assert.doesNotMatch(text, /s3cret/, `${what} shows the password`);
  }
});
