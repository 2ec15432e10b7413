import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import type { Fetcher, FetchResult } from '../fetch/index.ts';
import type { Subscription } from '../model.ts';
import { HEXO_TARGET } from '../render/index.ts';
import { openStore } from '../store/index.ts';
import type { PostWriter } from './apply-writes.ts';
import { summarize } from './run-report.ts';
import { runSync } from './run-sync.ts';

// JSON Feed 1.1 `expired: true`: "the feed is finished: it will never update again". Such a
// feed keeps its posts, is reported as finished (not failing) on every run, is fetched once a
// day instead of every run, and is an ordinary feed again once an answer drops the word.

const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2026-12-01T00:00:00.000Z');

const subscription: Subscription = {
  name: 'done',
  source: 'https://done.test/feed.json',
  locations: [{ kind: 'http', url: 'https://done.test/feed.json' }],
  categories: ['Done'],
  limit: 50,
  timezone: 'UTC',
};

function jsonFeed(titles: readonly string[], expired?: boolean): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Done',
    ...(expired === undefined ? {} : { expired }),
    items: titles.map((title, index) => ({
      id: title,
      title,
      content_html: `<p>${title}</p>`,
      date_published: new Date(Date.UTC(2026, 10, 1 + index)).toISOString(),
    })),
  });
}

const fetched = (body: string, etag: string, url = subscription.source): FetchResult => ({
  kind: 'fetched',
  body: new TextEncoder().encode(body),
  contentType: 'application/feed+json',
  url,
  validators: etag ? { etag } : {},
});

/** Answers each fetch with the next scripted answer (an Error is thrown), counting them. */
function scriptedFetcher(): { fetcher: Fetcher; answers: (FetchResult | Error)[]; asked: () => number } {
  const answers: (FetchResult | Error)[] = [];
  let asked = 0;
  return {
    answers,
    asked: () => asked,
    fetcher: {
      async fetch() {
        asked++;
        const answer = answers.shift();
        if (answer === undefined) throw new Error('fetched more often than scripted');
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  };
}

function memoryWriter(files: Map<string, string>): PostWriter {
  return {
    async write(path, content) {
      files.set(path, typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
    },
    async remove(path) {
      files.delete(path);
    },
    async flush() {},
  };
}

function setUp() {
  const store = openStore(':memory:', { fsync: false });
  const files = new Map<string, string>();
  const script = scriptedFetcher();
  let now = START;
  const deps = {
    fetcher: script.fetcher,
    store,
    writer: memoryWriter(files),
    namesIn: () => [],
    now: () => now,
  };
  const run = (options: { retry?: boolean; subscriptions?: Subscription[] } = {}) =>
    runSync(
      {
        subscriptions: options.subscriptions ?? [subscription],
        target: HEXO_TARGET,
        site: {},
        concurrency: 1,
        ...(options.retry ? { retry: true } : {}),
      },
      deps,
    );
  return {
    store,
    files,
    script,
    run,
    at: (time: Date) => {
      now = time;
    },
  };
}

const later = (ms: number) => new Date(START.getTime() + ms);

test('a finished feed keeps its posts, is reported finished every run and is fetched once a day', async () => {
  const { store, files, script, run, at } = setUp();

  // First answer: finished already. Its items are written, the feed is not failing.
  script.answers.push(fetched(jsonFeed(['One', 'Two'], true), '"1"'));
  let report = await run();
  assert.deepEqual(report.feeds[0], {
    name: 'done',
    status: 'ok',
    created: 2,
    updated: 0,
    unchanged: 0,
    source: subscription.source,
    diagnostics: [],
    finished: true,
    nextCheck: later(DAY).toISOString(),
  });
  assert.equal(files.size, 2);
  let stored = store.feed(subscription.source);
  assert.deepEqual([stored.status, stored.nextCheck], ['finished', later(DAY).toISOString()]);
  assert.deepEqual(
    [summarize(report).finished, summarize(report).failed, summarize(report).created],
    [1, 0, 2],
  );

  // An hour later: not fetched, still reported (once), as finished, not as failing.
  at(later(60 * 60 * 1000));
  report = await run();
  assert.equal(script.asked(), 1, 'not fetched before its daily check');
  assert.deepEqual(report.feeds, [
    {
      name: 'done',
      status: 'not-modified',
      source: subscription.source,
      finished: true,
      nextCheck: later(DAY).toISOString(),
      notFetched: 'finished',
    },
  ]);
  assert.deepEqual([summarize(report).finished, summarize(report).failed], [1, 0]);

  // --retry checks it now: a 304 says the finished document is unchanged; the next check moves.
  script.answers.push({ kind: 'not-modified', url: subscription.source });
  report = await run({ retry: true });
  assert.equal(script.asked(), 2);
  assert.deepEqual(report.feeds[0], {
    name: 'done',
    status: 'not-modified',
    source: subscription.source,
    finished: true,
    nextCheck: later(DAY + 60 * 60 * 1000).toISOString(),
  });
  assert.equal(store.feed(subscription.source).status, 'finished');

  // A day later it is fetched; it now lists no item, and every post stays.
  at(later(2 * DAY));
  script.answers.push(fetched(jsonFeed([], true), '"2"'));
  report = await run();
  assert.equal(script.asked(), 3);
  assert.equal(report.feeds[0]?.status, 'ok');
  assert.equal(report.feeds[0]?.status === 'ok' && report.feeds[0].finished, true);
  assert.equal(files.size, 2, 'posts of a finished feed stay');
  assert.equal(store.items(store.feed(subscription.source).id).size, 2);

  // The publisher started it again: the first answer without `expired` resumes normal polling.
  at(later(3 * DAY));
  script.answers.push(fetched(jsonFeed(['One', 'Two', 'Three'], false), '"3"'));
  report = await run();
  const resumed = report.feeds[0];
  assert.equal(resumed?.status, 'ok');
  if (resumed?.status !== 'ok') return;
  assert.deepEqual(
    [resumed.created, resumed.finished, resumed.nextCheck, resumed.resumed],
    [1, undefined, undefined, true],
  );
  stored = store.feed(subscription.source);
  assert.deepEqual([stored.status, stored.nextCheck], ['active', undefined]);
  assert.equal(summarize(report).finished, 0);

  // And it is fetched on every run again.
  script.answers.push({ kind: 'not-modified', url: subscription.source });
  report = await run();
  assert.equal(script.asked(), 5);
  assert.deepEqual(report.feeds[0], { name: 'done', status: 'not-modified', source: subscription.source });
  store.close();
});

test("a finished feed's failures wait at least a day; a local failure does not wait", async () => {
  const { store, script, run, at } = setUp();
  script.answers.push(fetched(jsonFeed(['One'], true), '"1"'));
  await run();

  at(later(DAY));
  script.answers.push(new FeedmillError('FETCH_TIMEOUT', 'timed out'));
  let report = await run();
  assert.deepEqual(report.feeds[0], {
    name: 'done',
    status: 'failed',
    code: 'FETCH_TIMEOUT',
    message: 'timed out',
    failures: 1,
    nextCheck: later(2 * DAY).toISOString(),
    finished: true,
  });
  assert.equal(summarize(report).finished, 0, 'a failing feed is counted as failing');

  // Backing off: reported failing with its last error, not fetched, still known as finished.
  at(later(DAY + 60_000));
  report = await run();
  assert.equal(script.asked(), 2);
  assert.equal(report.feeds[0]?.status === 'failed' && report.feeds[0].notFetched, 'backoff');

  // 429 with a short Retry-After: still a day.
  at(later(2 * DAY));
  script.answers.push({ kind: 'retry-later', url: subscription.source, status: 429, retryAfterMs: 60_000 });
  report = await run();
  assert.equal(
    report.feeds[0]?.status === 'failed' && report.feeds[0].nextCheck,
    later(3 * DAY).toISOString(),
  );

  // A failure of feedmill's own side is retried on the next run, finished feed or not.
  at(later(3 * DAY));
  script.answers.push(new FeedmillError('STATE_FAILED', 'disk full'));
  report = await run();
  assert.equal(report.feeds[0]?.status === 'failed' && report.feeds[0].nextCheck, undefined);
  assert.equal(store.feed(subscription.source).status, 'finished');
  store.close();
});

test('a finished feed read from a file is read on every run, and still reported finished', async () => {
  const { store, script, run } = setUp();
  const local: Subscription = {
    ...subscription,
    name: 'local',
    source: '/feeds/done.json',
    locations: [{ kind: 'file', path: '/feeds/done.json' }],
  };
  for (const round of [1, 2]) {
    script.answers.push(fetched(jsonFeed(['One'], true), '', local.source));
    const report = await run({ subscriptions: [local] });
    assert.equal(script.asked(), round);
    const feed = report.feeds[0];
    assert.equal(feed?.status, 'ok');
    assert.equal(feed?.status === 'ok' && feed.finished, true);
    assert.equal(feed?.status === 'ok' && feed.nextCheck, undefined);
  }
  const stored = store.feed(local.source);
  assert.deepEqual([stored.status, stored.nextCheck], ['finished', undefined]);
  store.close();
});

test('a finished feed not fetched is reported at its address with the password masked', async () => {
  const { store, script, run, at } = setUp();
  const secret: Subscription = {
    ...subscription,
    source: 'https://reader:s3cret@done.test/feed.json',
    locations: [{ kind: 'http', url: 'https://reader:s3cret@done.test/feed.json' }],
  };
  script.answers.push(fetched(jsonFeed(['One'], true), '"1"', 'https://reader:***@done.test/feed.json'));
  await run({ subscriptions: [secret] });
  at(later(60_000));
  const report = await run({ subscriptions: [secret] });
  assert.equal(report.feeds[0]?.status === 'not-modified' && report.feeds[0].notFetched, 'finished');
  assert.equal(
    report.feeds[0]?.status === 'not-modified' && report.feeds[0].source,
    'https://reader:***@done.test/feed.json',
  );
  store.close();
});
