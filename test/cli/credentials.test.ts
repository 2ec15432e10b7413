import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type FeedServer, startFeedServer } from '../http/feed-server.ts';
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
      response.writeHead(200, { 'content-type': 'application/feed+json' }).end(
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'P',
          // No home page, no item URL: the feed's own URL is the base of the relative image.
          items: [
            {
              id: 'p1',
              title: 'Private',
              content_html: '<p>x</p><img src="a.png">',
              date_published: '2026-12-01T00:00:00Z',
            },
          ],
        }),
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
  // The feed's URL is the base of its relative links: they carry no credentials.
  const [post] = readdirSync(join(site.postsDir, 'P'));
  const content = readFileSync(join(site.postsDir, 'P', post!), 'utf8');
  assert.match(content, /src="http:\/\/127\.0\.0\.1:\d+\/a\.png"/);
  for (const [what, text] of [
    ['run', run.stdout + run.stderr],
    ['run --json', json.stdout + json.stderr],
    ['status', status.stdout + status.stderr],
    ['status --json', statusJson.stdout],
    ['job summary', readFileSync(summary, 'utf8')],
    ['the post', content],
  ] as const) {
    assert.ok(text.length > 0, `${what} printed something`);
    assert.doesNotMatch(text, /s3cret/, `${what} shows the password`);
  }
});
