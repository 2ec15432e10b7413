import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { type FakeRsshub, startFakeRsshub } from './fake-rsshub.ts';
import { runMain } from './run-cli.ts';
import { siteFolder } from './site-folder.ts';

// Routes whose site refuses RSSHub fail on every instance with RSSHub's error page (503): each
// feed fails with RSSHub's message, and however many there are, no instance is cooled down, so
// a working route still comes from the first instance.

const KEY = 'sekret-Key-4711';
const BROKEN = ['/broken/1', '/broken/2', '/broken/3', '/broken/4'];
let a: FakeRsshub;
let b: FakeRsshub;
let dir: string;
let config: string;

before(async () => {
  a = await startFakeRsshub({ key: KEY, brokenRoutes: BROKEN });
  b = await startFakeRsshub({ brokenRoutes: BROKEN });
  ({ dir, config } = siteFolder(
    'feedmill-route-error-',
    `hexo: site
rsshub:
  instances:
    - { url: ${a.url}, key: ${KEY} }
    - ${b.url}
  cooldown_after: 3
http: { concurrency: 1 }
feeds:
${[...BROKEN, '/good/1'].map((route) => `  - { rsshub: ${route}, categories: [Test] }`).join('\n')}
`,
  ));
});
after(async () => {
  await a.close();
  await b.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a route's failure on RSSHub is reported with RSSHub's message and cools no instance down", async () => {
  const run = await runMain(['run', '--config', config]);
  assert.equal(run.code, 3, run.stderr);
  const failed = run.stderr.split('\n').filter((line) => line.startsWith('FAILED'));
  assert.equal(failed.length, BROKEN.length, run.stderr);
  for (const line of failed)
    assert.match(
      line,
      /answered 503 \(RSSHub: FetchError: \[GET\] "https:\/\/site\.example\/list": 403 Forbidden\)/,
    );
  assert.doesNotMatch(run.stdout + run.stderr, /cool|skipped until/i);
  assert.ok(!(run.stdout + run.stderr).includes(KEY), 'the key is never printed');
  // After four route failures on it, the first instance still serves the working route.
  assert.ok(
    a.requests.some((path) => path.startsWith('/good/1')),
    a.requests.join('\n'),
  );
  assert.ok(!b.requests.some((path) => path.startsWith('/good/1')));
  const status = await runMain(['status', '--json', '--config', config]);
  const instances = JSON.parse(status.stdout).instances as {
    instance: string;
    consecutiveFailures: number;
  }[];
  assert.ok(
    instances.every((instance) => instance.consecutiveFailures === 0),
    status.stdout,
  );
});
