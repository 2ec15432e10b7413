import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Subscription } from '../model.ts';
import { asyncFromSqlite, openStore } from '../store/index.ts';
import type { RenderFeedOutcome } from './render-feed.ts';
import { type JobEffects, renderJob } from './render-job.ts';
import type { RenderedStore } from './rendered-store.ts';

const subscription: Subscription = {
  name: 'f',
  source: 'https://a.example/feed',
  locations: [{ kind: 'http', url: 'https://a.example/feed' }],
  categories: ['C'],
  limit: 15,
  timezone: 'UTC',
};
const record = {
  key: 'k',
  contentHash: 'h',
  postPath: 'C/k.md',
  firstSeen: '2026-12-01T00:00:00.000Z',
  published: '2026-12-01T00:00:00.000Z',
};

/** A worker's job on a feed that answers `outcome`, over a state whose writer has journalled a post. */
async function jobAnswering(outcome: RenderFeedOutcome, waiting?: { etag: string }) {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-job-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const path = join(folder, 'state.db');
  const store = asyncFromSqlite(openStore(path, { fsync: false }), path);
  const { id } = await store.feed(subscription.source);
  await store.recordSuccess(id, [], { validators: { etag: '"old"' } });
  await store.recordFailure(id, 'FETCH_TIMEOUT', 'timed out');
  await store.beginWrites(id, [record]);
  const seen: unknown[] = [];
  const rendered: Pick<RenderedStore, 'pendingValidators' | 'processorValues'> = {
    pendingValidators: async () => waiting,
    processorValues: async () => new Map(),
  };
  const effects: JobEffects = {
    store,
    rendered: rendered as RenderedStore,
    render: async (input) => {
      seen.push(input.validators);
      return outcome;
    },
    now: new Date('2026-12-07T00:00:00.000Z'),
  };
  const next = await renderJob(subscription, 60, effects);
  return { store, id, next, seen };
}

test("a worker's 304 records the feed's success, new validators and redirect, and keeps the journal", async () => {
  const { store, id, next, seen } = await jobAnswering({
    kind: 'not-modified',
    update: {
      movedTo: 'https://b.example/feed',
      servedBy: 'https://rsshub.example/',
      validators: { etag: '"new"' },
    },
  });
  assert.deepEqual(seen, [{ etag: '"old"' }]);
  assert.equal(next.summary, 'not modified');
  assert.ok(next.at && next.at > new Date('2026-12-07T00:00:00.000Z'));
  const feed = await store.feed(subscription.source);
  assert.equal(feed.consecutiveFailures, 0);
  assert.equal(feed.lastErrorCode, undefined);
  assert.equal(feed.etag, '"new"');
  assert.equal(feed.redirectedUrl, 'https://b.example/feed');
  const [status] = await store.feedStatuses();
  assert.ok(status?.lastSuccess);
  assert.equal(status?.servedBy, 'https://rsshub.example/');
  // The journal is the site writer's (publish): a worker never clears it.
  assert.deepEqual(
    (await store.pendingChanges()).map((change) => [change.feedId, change.key]),
    [[id, 'k']],
  );
  await store.close();
});

test('output waiting for publish keeps its validators: the 304 answered those', async () => {
  const { store, seen } = await jobAnswering(
    { kind: 'not-modified', update: { validators: { etag: '"rotated"' } } },
    { etag: '"waiting"' },
  );
  assert.deepEqual(seen, [{ etag: '"waiting"' }]);
  const feed = await store.feed(subscription.source);
  assert.equal(feed.etag, '"old"', 'publish records the waiting output and its validators');
  assert.equal(feed.consecutiveFailures, 0);
  await store.close();
});

test('a worker checks a finished feed a day later, carries the word to publish, and resumes it', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-job-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const path = join(folder, 'state.db');
  const store = asyncFromSqlite(openStore(path, { fsync: false }), path);
  const now = new Date('2026-12-07T00:00:00.000Z');
  const day = new Date('2026-12-08T00:00:00.000Z');
  const saved: unknown[] = [];
  const rendered: Pick<RenderedStore, 'pendingValidators' | 'processorValues' | 'saveRendered'> = {
    pendingValidators: async () => undefined,
    processorValues: async () => new Map(),
    saveRendered: async (_feedId, _posts, update) => {
      saved.push(update);
    },
  };
  const job = (outcome: RenderFeedOutcome) =>
    renderJob(subscription, 60, {
      store,
      rendered: rendered as RenderedStore,
      render: async () => outcome,
      now,
    });

  // A render of a finished feed: publish records the word; the next job is a day away.
  const update = { validators: { etag: '"1"' }, finished: true, nextCheck: day };
  let next = await job({ kind: 'rendered', posts: [], update, cacheWrites: new Map() });
  assert.deepEqual(saved, [update]);
  assert.equal(next.at?.toISOString(), day.toISOString());
  assert.equal(
    next.summary,
    `rendered 0 new or changed post(s); finished: its feed says it will not be updated again; next check at ${day.toISOString()}`,
  );

  // Published: the feed is finished. A 304 keeps it so and moves its next check.
  const { id } = await store.feed(subscription.source);
  await store.recordSuccess(id, [], update);
  next = await job({ kind: 'not-modified', update: { nextCheck: day } });
  assert.equal(next.at?.toISOString(), day.toISOString());
  assert.match(next.summary, /^not modified; finished: .*next check at 2026-12-08T00:00:00\.000Z$/);
  const feed = await store.feed(subscription.source);
  assert.deepEqual([feed.status, feed.nextCheck], ['finished', day.toISOString()]);

  // An answer without the word: back on the feed's interval (60 minutes, ±10%).
  next = await job({ kind: 'rendered', posts: [], update: { validators: {} }, cacheWrites: new Map() });
  assert.match(next.summary, /; resumed: no longer finished$/);
  assert.ok(next.at && next.at.getTime() - now.getTime() <= 66 * 60_000);
  await store.close();
});
