import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addCommand } from '../../src/cli/commands/add-command.ts';
import { bufferOutput } from '../cli/buffer-output.ts';
import { type FakeRsshub, startFakeRsshub } from './fake-rsshub.ts';

// `feedmill add <address>` against a fake RSSHub (Radar rules and catalogue) and a fake
// website, both on 127.0.0.1: Radar routes with their categories, the page's own feeds, a
// guessed feed path, a computed target that is never run, and the rules cache.

const KEY = 'add-Secret-99';
let rsshub: FakeRsshub;
let site: Server;
let origin: string;
const siteRequests: string[] = [];
let dir: string;
let config: string;

const CONFIG = (instance: string) => `# my subscriptions
hexo: site
rsshub:
  instances: [{ url: ${instance}, key: ${KEY} }] # the key stays here
feeds:
  - url: https://example.org/feed.xml # a first feed
    name: first
`;

const rssOf = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>http://x/</link><description>d</description></channel></rss>`;

before(async () => {
  site = createServer((request, response) => {
    const path = request.url ?? '/';
    siteRequests.push(path);
    const html = (body: string) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(body);
    };
    if (path === '/user/DIYgod') {
      html(`<html><head><title>DIYgod's page</title>
        <link rel="alternate" type="application/atom+xml" title="DIYgod's posts" href="feed.atom"></head><body></body></html>`);
    } else if (path === '/user/feed.atom') {
      response.writeHead(200, { 'content-type': 'application/atom+xml' });
      response.end('<feed xmlns="http://www.w3.org/2005/Atom"><title>Posts</title><id>x</id></feed>');
    } else if (path === '/news/1' || path === '/plain') {
      html('<html><head><title>Plain</title></head><body>no feeds here</body></html>');
    } else if (path === '/rss.xml') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(rssOf('Site RSS'));
    } else if (path === '/direct.xml') {
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(rssOf('Direct feed'));
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  rsshub = await startFakeRsshub({
    key: KEY,
    radar: JSON.stringify({
      '127.0.0.1': {
        _name: 'Local site',
        '.': [
          {
            title: 'Repos',
            docs: 'https://docs.example/github',
            source: ['/user/:user'],
            target: '/github/release/:user/feedmill',
          },
          {
            title: 'Computed',
            docs: 'https://docs.example/computed',
            source: ['/news/:id'],
            target: '/x(params) => { globalThis.radarTargetRan = true; return "/x"; }',
          },
        ],
      },
    }),
  });
  dir = mkdtempSync(join(tmpdir(), 'feedmill-add-'));
  config = join(dir, 'feedmill.yml');
  writeFileSync(config, CONFIG(rsshub.url));
});
after(async () => {
  await rsshub.close();
  await new Promise<void>((resolve) => {
    site.closeAllConnections();
    site.close(() => resolve());
  });
  rmSync(dir, { recursive: true, force: true });
});

async function add(args: string[], ask?: (question: string) => Promise<string>) {
  const output = bufferOutput(false);
  const code = await addCommand([...args, '--config', config], output, ask);
  assert.ok(!output.stdout.includes(KEY) && !output.stderr.includes(KEY), 'the key was printed');
  return { code, stdout: output.stdout, stderr: output.stderr };
}

test('a page: its Radar route with the catalogue categories, then its own feed; nothing added without --pick', async () => {
  const before = readFileSync(config, 'utf8');
  const result = await add([`${origin}/user/DIYgod`]);
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.split('\n');
  assert.equal(lines[0], `feeds of ${origin}/user/DIYgod:`);
  assert.match(
    lines[2]!,
    /^1 +rsshub:\/github\/release\/DIYgod\/feedmill +RSSHub: GitHub Repo Releases → 程序更新 \/ GitHub \/ Repo Releases$/,
  );
  assert.match(lines[3]!, new RegExp(`^2 +${origin}/user/feed.atom +linked by the page: DIYgod's posts$`));
  assert.match(result.stderr, /run again with --pick N to add one/);
  assert.equal(readFileSync(config, 'utf8'), before);
  assert.ok(rsshub.requests.includes(`/api/radar/rules?key=${KEY}`));
});

test('--pick adds the candidate, keeping the file as written; the rules come from the cache', async () => {
  const radarRequests = rsshub.requests.filter((path) => path.startsWith('/api/radar')).length;
  const route = await add([`${origin}/user/DIYgod`, '--pick', '1']);
  assert.equal(route.code, 0, route.stderr);
  assert.match(route.stdout, /^added rsshub:\/github\/release\/DIYgod\/feedmill \(Repo Releases\) to /m);
  const feed = await add([`${origin}/user/DIYgod`, '--pick', '2']);
  assert.equal(feed.code, 0, feed.stderr);
  assert.equal(
    readFileSync(config, 'utf8'),
    `${CONFIG(rsshub.url)}  - url: rsshub:/github/release/DIYgod/feedmill
    name: GitHub Repo Releases
  - url: ${origin}/user/feed.atom
    name: DIYgod's posts
`,
  );
  assert.equal(rsshub.requests.filter((path) => path.startsWith('/api/radar')).length, radarRequests);
  const again = await add([`${origin}/user/DIYgod`, '--pick', '2']);
  assert.match(again.stdout, /^already subscribed: .*\(feeds\[2\]\)$/m);
  await add([`${origin}/user/DIYgod`, '--refresh']);
  assert.equal(rsshub.requests.filter((path) => path.startsWith('/api/radar')).length, radarRequests + 1);
});

test('on a terminal the candidate is asked for', async () => {
  const questions: string[] = [];
  const result = await add([`${origin}/direct.xml`], async (question) => {
    questions.push(question);
    return '1';
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(questions, ['add which (1-1, Enter for none)? ']);
  assert.match(
    result.stdout,
    new RegExp(`^1 +${origin}/direct.xml +the address is a feed: Direct feed$`, 'm'),
  );
  assert.match(
    readFileSync(config, 'utf8'),
    new RegExp(`- url: ${origin}/direct.xml\\n {4}name: Direct feed\\n$`),
  );
});

test('a page linking no feed: a few common paths are tried, one at a time, until one is a feed', async () => {
  siteRequests.length = 0;
  const result = await add([`${origin}/plain`]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`^1 +${origin}/rss.xml +found by trying the path: Site RSS$`, 'm'));
  assert.deepEqual(siteRequests, ['/plain', '/feed', '/feed.xml', '/rss.xml']);
  siteRequests.length = 0;
  const none = await add([`${origin}/plain`, '--no-guess']);
  assert.equal(none.code, 1);
  assert.deepEqual(siteRequests, ['/plain']);
  assert.match(
    none.stderr,
    /^no feed found for http:\/\/127\.0\.0\.1:\d+\/plain; look for a route with feedmill routes search <site name>$/m,
  );
  await assert.rejects(
    add([`${origin}/plain`, '--no-guess', '--pick', '1']),
    /there is no candidate to pick/,
  );
});

test('a rule whose target is code is listed with its docs and never run', async () => {
  const result = await add([`${origin}/news/1`, '--no-guess']);
  assert.equal(result.code, 1);
  assert.match(
    result.stdout,
    /^ {2}- Local site Computed: its route is computed by code, which feedmill does not run; see https:\/\/docs\.example\/computed$/m,
  );
  assert.equal((globalThis as { radarTargetRan?: boolean }).radarTargetRan, undefined);
});

test('bad usage: no address, a bad --pick, a candidate number out of range', async () => {
  await assert.rejects(add([]), /add needs one web address/);
  await assert.rejects(add([`${origin}/direct.xml`, '--pick', 'x']), /--pick takes a candidate number/);
  await assert.rejects(add([`${origin}/direct.xml`, '--pick', '5']), /no candidate 5: pick 1 to 1/);
  await assert.rejects(add(['ftp://example.org/']), /not an http\(s\) address/);
  // A rules file given on the command line is used instead of the instance's rules.
  const rules = join(dir, 'rules.json');
  writeFileSync(
    rules,
    JSON.stringify({ '127.0.0.1': { '.': [{ source: '/plain', target: '/zhihu/daily' }] } }),
  );
  const fromFile = await add([`${origin}/plain`, '--rules', rules, '--no-guess']);
  assert.match(
    fromFile.stdout,
    /^1 +rsshub:\/zhihu\/daily +RSSHub: 知乎 知乎日报 → 社交媒体 \/ 知乎 \/ 知乎日报$/m,
  );
  writeFileSync(rules, '{ not json');
  await assert.rejects(
    add([`${origin}/plain`, '--rules', rules]),
    /cannot read Radar rules from .*rules\.json: /,
  );
});
