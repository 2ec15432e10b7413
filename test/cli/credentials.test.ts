import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type FeedServer, startFeedServer } from '../http/feed-server.ts';
import { createHexoSite, type HexoSite, runFeedmill } from '../support/hexo-site.ts';

let server: FeedServer;
const sites: HexoSite[] = [];
/** A fresh site per test: the tests' feeds share names, and a named feed's row follows its url. */
function newSite(): HexoSite {
  const site = createHexoSite();
  sites.push(site);
  return site;
}
before(async () => {
  server = await startFeedServer();
});
after(async () => {
  for (const site of sites) site.remove();
  await server.close();
});

test('a feed URL with credentials is fetched with them, and its password shows nowhere', async () => {
  const site = newSite();
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

const TOKEN = 'tok-9f3a7c21';

/** A JSON feed of one item, served only to requests carrying the token if `needsToken`. */
function jsonFeed(id: string, needsToken: boolean) {
  return (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => {
    const token = new URL(request.url ?? '/', 'http://x').searchParams.get('token');
    if (needsToken && token !== TOKEN) response.writeHead(401).end();
    else
      response.writeHead(200, { 'content-type': 'application/feed+json' }).end(
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: id,
          items: [
            {
              id,
              url: `https://example.com/${id}`,
              title: `Item ${id}`,
              content_html: '<p>x</p>',
              date_published: '2026-12-01T00:00:00Z',
            },
          ],
        }),
      );
  };
}

async function runWithToken(site: HexoSite, args: string[], token: string | undefined) {
  if (token === undefined) delete process.env.FEED_TOKEN;
  else process.env.FEED_TOKEN = token;
  try {
    return await runFeedmill(args, site.root);
  } finally {
    delete process.env.FEED_TOKEN;
  }
}

test('a feed url takes its token from the environment, which no output or state holds', async () => {
  const site = newSite();
  const run = (args: string[], token: string | undefined) => runWithToken(site, args, token);
  // The private feed moved for good: the redirect target carries the token too.
  server.routes.set('/old.xml', (request, response) => {
    const query = new URL(request.url ?? '/', 'http://x').search;
    response.writeHead(301, { location: `/new.xml${query}` }).end();
  });
  server.routes.set('/new.xml', jsonFeed('private', true));
  server.routes.set('/broken.xml', (_request, response) => response.writeHead(500).end());
  server.routes.set('/public.xml', jsonFeed('public', false));
  const placeholder = '?token=${FEED_TOKEN}';
  writeFileSync(
    join(site.root, 'feedmill.yml'),
    `feeds:\n  - url: "${server.url('/old.xml')}${placeholder}"\n    name: private\n    categories: [P]\n` +
      `  - url: "${server.url('/broken.xml')}${placeholder}"\n    name: broken\n    categories: [B]\n` +
      `  - url: "${server.url('/public.xml')}"\n    name: public\n    categories: [Q]\n`,
  );
  const first = await run(['run'], TOKEN);
  assert.match(first.stdout, /private: 1 new/);
  assert.match(first.stdout, /public: 1 new/);
  const json = await run(['run', '--json', '--retry'], TOKEN);
  const broken = JSON.parse(json.stdout).feeds.find((feed: { name: string }) => feed.name === 'broken');
  assert.match(broken.message, /broken\.xml\?token=\$\{FEED_TOKEN\}/);
  // The second run polled the redirect's target, the token filled in again.
  const newHits = server.seen.filter((request) => request.path === '/new.xml').length;
  const oldHits = server.seen.filter((request) => request.path === '/old.xml').length;
  assert.deepEqual([oldHits, newHits], [1, 2]);
  const statusJson = await run(['status', '--json'], TOKEN);
  const state = readdirSync(join(site.root, '.feedmill'))
    .filter((name) => name.startsWith('state.db'))
    .map((name) => readFileSync(join(site.root, '.feedmill', name)).toString('latin1'))
    .join('');
  assert.match(state, /new\.xml\?token=\$\{FEED_TOKEN\}/, 'the redirect is stored with its placeholder');
  const privatePost = readdirSync(join(site.postsDir, 'P'));
  assert.equal(privatePost.length, 1);
  for (const [what, text] of [
    ['run', first.stdout + first.stderr],
    ['run --json', json.stdout + json.stderr],
    ['status --json', statusJson.stdout],
    ['the state', state],
  ] as const) {
    assert.ok(text.length > 0, `${what} printed something`);
    assert.doesNotMatch(text, new RegExp(TOKEN), `${what} shows the token`);
  }

  // Without the variable (a fork's pull request gets no secrets), the feeds needing it wait
  // and say why; the others go on.
  const without = await run(['run', '--json'], undefined);
  const report = JSON.parse(without.stdout);
  const waiting = report.feeds.find((feed: { name: string }) => feed.name === 'private');
  assert.equal(waiting.code, 'URL_ENV_UNSET');
  assert.match(waiting.message, /needs the environment variable FEED_TOKEN, which is not set/);
  assert.equal(report.feeds.find((feed: { name: string }) => feed.name === 'public').status, 'ok');
  assert.equal(without.code, 3, 'some feeds failing');
  assert.equal(server.seen.filter((request) => request.path === '/new.xml').length, 2, 'nothing fetched');
});
