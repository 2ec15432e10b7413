import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FeedmillError } from '../../src/errors.ts';
import type { AsyncStore } from '../../src/store/index.ts';

/** A fresh, empty state for one test: the store, a second handle on the same state, cleanup. */
export interface ContractState {
  store: AsyncStore;
  /** Another store on the same state, as a second process would open it. */
  another(): Promise<AsyncStore>;
  dispose(): Promise<void>;
}

const record = (key: string, path = `C/${key}.md`, hash = 'h') => ({
  key,
  contentHash: hash,
  postPath: path,
  firstSeen: '2026-12-01T00:00:00.000Z',
  published: '2026-11-30T00:00:00.000Z',
});

const isPathTaken = (error: unknown) => error instanceof FeedmillError && error.code === 'PATH_TAKEN';

/**
 * The behaviour every state backend must have, run against each (SQLite through the adapter,
 * PostgreSQL); `skip` is the reason a backend cannot run here, shown in the test output.
 */
export function describeStoreContract(
  backend: string,
  open: () => Promise<ContractState>,
  skip: false | string = false,
): void {
  const withState = (name: string, body: (state: ContractState) => Promise<void>) =>
    test(name, { skip }, async () => {
      const state = await open();
      try {
        await body(state);
      } finally {
        await state.dispose();
      }
    });

  describe(`store contract: ${backend}`, () => {
    withState('a new state is fresh; a feed row is created once and found by url', async ({ store }) => {
      assert.equal(await store.isFresh(), true);
      assert.equal(await store.findFeed('https://a.example/feed'), undefined);
      const feed = await store.feed('https://a.example/feed');
      assert.deepEqual(feed, {
        id: feed.id,
        url: 'https://a.example/feed',
        status: 'active',
        consecutiveFailures: 0,
      });
      assert.equal((await store.feed('https://a.example/feed')).id, feed.id);
      assert.deepEqual(await store.findFeed('https://a.example/feed'), feed);
      assert.notEqual((await store.feed('https://b.example/feed')).id, feed.id);
    });

    withState('validators, failures with backoff, not-modified, moves and gone feeds', async ({ store }) => {
      const { id } = await store.feed('u');
      await store.recordSuccess(id, [], {
        validators: { etag: '"e1"', lastModified: 'Mon, 01 Dec 2026 00:00:00 GMT' },
      });
      let feed = await store.feed('u');
      assert.equal(feed.etag, '"e1"');
      assert.equal(feed.lastModified, 'Mon, 01 Dec 2026 00:00:00 GMT');

      const next = new Date('2026-12-02T10:00:00.000Z');
      await store.recordFailure(id, 'FETCH_TIMEOUT', 'timed out', next);
      await store.recordFailure(id, 'FETCH_TIMEOUT', 'timed out again', next);
      feed = await store.feed('u');
      assert.equal(feed.consecutiveFailures, 2);
      assert.equal(feed.nextCheck, next.toISOString());
      assert.equal(feed.lastErrorCode, 'FETCH_TIMEOUT');
      assert.equal(feed.lastErrorMessage, 'timed out again');
      assert.equal(feed.etag, '"e1"', 'a failure keeps the validators');

      await store.recordNotModified(id, {
        movedTo: 'https://moved.example/feed',
        servedBy: 'https://rsshub.example',
      });
      feed = await store.feed('u');
      assert.deepEqual(feed, {
        id,
        url: 'u',
        etag: '"e1"',
        lastModified: 'Mon, 01 Dec 2026 00:00:00 GMT',
        status: 'active',
        redirectedUrl: 'https://moved.example/feed',
        consecutiveFailures: 0,
      });
      const [status] = await store.feedStatuses();
      assert.equal(status?.servedBy, 'https://rsshub.example');
      assert.ok(status?.lastSuccess && !Number.isNaN(Date.parse(status.lastSuccess)));

      // A 304's validators replace the stored ones, each only when it sends it (RFC 9111 §4.3.4).
      await store.recordNotModified(id, { validators: { etag: '"e2"' } });
      feed = await store.feed('u');
      assert.equal(feed.etag, '"e2"');
      assert.equal(feed.lastModified, 'Mon, 01 Dec 2026 00:00:00 GMT');
      await store.recordNotModified(id, { validators: { lastModified: 'Wed, 02 Dec 2026 00:00:00 GMT' } });
      feed = await store.feed('u');
      assert.equal(feed.etag, '"e2"');
      assert.equal(feed.lastModified, 'Wed, 02 Dec 2026 00:00:00 GMT');
      assert.equal(feed.redirectedUrl, 'https://moved.example/feed', 'a later 304 keeps the redirect');

      // A worker's 304 leaves the site writer's journal alone; a run's clears it.
      await store.beginWrites(id, [record('j')]);
      await store.recordNotModified(id, { keepJournal: true, validators: { etag: '"e3"' } });
      feed = await store.feed('u');
      assert.equal(feed.etag, '"e3"');
      assert.deepEqual(
        (await store.pendingChanges()).map((change) => change.key),
        ['j'],
      );
      await store.recordNotModified(id);
      assert.deepEqual(await store.pendingChanges(), []);

      await store.markGone(id, 'HTTP 410');
      feed = await store.feed('u');
      assert.equal(feed.status, 'gone');
      assert.equal(feed.lastErrorCode, 'FETCH_GONE');
    });

    withState(
      'a finished feed: its status and next check come with its success, a 304 keeps it, a success without it ends it',
      async ({ store }) => {
        const { id } = await store.feed('f');
        const next = new Date('2026-12-02T00:00:00.000Z');
        await store.recordSuccess(id, [record('a')], {
          validators: { etag: '"e1"' },
          finished: true,
          nextCheck: next,
        });
        let feed = await store.feed('f');
        assert.equal(feed.status, 'finished');
        assert.equal(feed.nextCheck, next.toISOString());
        assert.equal((await store.feedStatuses())[0]?.finished, true);

        // A 304: the document that said it is finished is unchanged; its next check moves on.
        const later = new Date('2026-12-03T00:00:00.000Z');
        await store.recordNotModified(id, { nextCheck: later });
        feed = await store.feed('f');
        assert.deepEqual([feed.status, feed.nextCheck, feed.etag], ['finished', later.toISOString(), '"e1"']);

        // A failure keeps the status (its next check is the caller's word).
        await store.recordFailure(id, 'FETCH_TIMEOUT', 'timed out', later);
        assert.equal((await store.feed('f')).status, 'finished');

        // An answer without the word: active again, no wait, its posts kept.
        await store.recordSuccess(id, [], { validators: { etag: '"e2"' } });
        feed = await store.feed('f');
        assert.deepEqual([feed.status, feed.nextCheck, feed.consecutiveFailures], ['active', undefined, 0]);
        assert.deepEqual([...(await store.items(id)).keys()], ['a']);
        const [status] = await store.feedStatuses();
        assert.equal(status?.finished, undefined);
        assert.equal(status?.posts, 1);

        // A gone feed stays gone whatever a late success (a worker's render published) says.
        await store.markGone(id, 'HTTP 410');
        await store.recordSuccess(id, [], { validators: {}, finished: true, nextCheck: next });
        assert.equal((await store.feed('f')).status, 'gone');
      },
    );

    withState(
      'items are journalled, recorded with success, and their paths are taken folded',
      async ({ store }) => {
        const { id } = await store.feed('u');
        await store.beginWrites(id, [record('a', 'Cat/Straße.md')]);
        assert.deepEqual(
          (await store.pendingChanges()).map((change) => [change.key, change.action]),
          [['a', 'write']],
        );
        assert.equal(await store.isPathTaken('cat/STRASSE.md'), true, 'a journalled path is taken');
        await store.recordSuccess(id, [record('a', 'Cat/Straße.md')], { validators: {} });
        assert.deepEqual(await store.pendingChanges(), []);
        assert.deepEqual([...(await store.items(id)).keys()], ['a']);
        assert.equal(await store.isPathTaken('CAT/strasse.MD'), true);
        assert.equal(await store.isPathTaken('Cat/other.md'), false);
        assert.equal(await store.countItems(), 1);
        assert.deepEqual(await store.allItems(), [{ feedId: id, ...record('a', 'Cat/Straße.md') }]);
        // The item's own path can be journalled again (an update).
        await store.beginWrites(id, [record('a', 'Cat/Straße.md', 'h2')]);
        await store.recordSuccess(id, [record('a', 'Cat/Straße.md', 'h2')], { validators: {} });
        assert.equal((await store.items(id)).get('a')?.contentHash, 'h2');
      },
    );

    withState(
      'a path held by another item is refused, and nothing of the batch is journalled',
      async ({ store }) => {
        const one = (await store.feed('one')).id;
        const two = (await store.feed('two')).id;
        await store.beginWrites(one, [record('a', 'C/Title.md')]);
        await store.recordSuccess(one, [record('a', 'C/Title.md')], { validators: {} });
        await assert.rejects(
          store.beginWrites(two, [record('b', 'C/fresh.md'), record('x', 'c/TITLE.md')]),
          isPathTaken,
        );
        assert.deepEqual(await store.pendingChanges(), []);
        assert.equal(await store.isPathTaken('C/fresh.md'), false);
        // Held by a journalled (not yet recorded) change of another feed.
        await store.beginWrites(one, [record('c', 'C/Pending.md')]);
        await assert.rejects(store.beginWrites(two, [record('y', 'c/pending.md')]), isPathTaken);
        // Two items of one batch folding to one path.
        await assert.rejects(
          store.beginWrites(two, [record('p', 'D/x.md'), record('q', 'D/X.md')]),
          isPathTaken,
        );
      },
    );

    withState('two writers racing for one folded path: exactly one wins', async ({ store, another }) => {
      const second = await another();
      try {
        const one = (await store.feed('one')).id;
        const two = (await second.feed('two')).id;
        for (let round = 0; round < 5; round++) {
          const outcomes = await Promise.allSettled([
            store.beginWrites(one, [record(`a${round}`, `Race/Title ${round}.md`)]),
            second.beginWrites(two, [record(`b${round}`, `race/title ${round}.MD`)]),
          ]);
          const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
          assert.equal(won.length, 1, `round ${round}: ${JSON.stringify(outcomes.map((o) => o.status))}`);
          const lost = outcomes.find((outcome) => outcome.status === 'rejected');
          assert.ok(lost && isPathTaken(lost.reason), String(lost?.reason));
        }
        assert.equal((await store.pendingChanges()).length, 5);
      } finally {
        await second.close();
      }
    });

    withState(
      'a writer journalling while another records the same path is refused',
      async ({ store, another }) => {
        const second = await another();
        try {
          const one = (await store.feed('one')).id;
          const two = (await second.feed('two')).id;
          for (let round = 0; round < 5; round++) {
            const mine = record(`a${round}`, `Held/Post ${round}.md`);
            await store.beginWrites(one, [mine]);
            const [recorded, claimed] = await Promise.allSettled([
              store.recordSuccess(one, [mine], { validators: {} }),
              second.beginWrites(two, [record(`b${round}`, `held/post ${round}.md`)]),
            ]);
            assert.equal(recorded.status, 'fulfilled');
            assert.ok(claimed.status === 'rejected' && isPathTaken(claimed.reason), `round ${round}`);
          }
          assert.deepEqual(await store.pendingChanges(), []);
          assert.equal(await store.countItems(), 5);
        } finally {
          await second.close();
        }
      },
    );

    withState(
      'repair settles the journal: adopted writes become items, dropped ones vanish',
      async ({ store }) => {
        const { id } = await store.feed('u');
        await store.beginWrites(id, [record('a'), record('b')]);
        const pending = await store.pendingChanges();
        const byKey = new Map(pending.map((change) => [change.key, change]));
        await store.settlePending([byKey.get('a')!], [byKey.get('b')!]);
        assert.deepEqual(await store.pendingChanges(), []);
        assert.deepEqual([...(await store.items(id)).keys()], ['a']);
        assert.equal(await store.isPathTaken('C/b.md'), false);

        await store.recordSuccess(id, [], { validators: { etag: '"e"' } });
        await store.markMissing([{ feedId: id, ...record('a') }]);
        assert.equal((await store.items(id)).get('a')?.contentHash, '');
        assert.equal((await store.feed('u')).etag, undefined, 'a missing post makes the next fetch full');
      },
    );

    withState('pruning leaves tombstones and journals deletions that hold the path', async ({ store }) => {
      const { id } = await store.feed('u');
      await store.recordSuccess(id, [record('a'), record('b')], { validators: {} });
      await store.setProcessorValue(id, 'full-text', 'a', 'article');
      await store.beginPrune([{ feedId: id, ...record('a') }], new Date('2026-12-05T00:00:00Z'));
      assert.deepEqual([...(await store.items(id)).keys()], ['b']);
      assert.deepEqual([...(await store.prunedKeys(id))], ['a']);
      assert.equal(await store.processorValue(id, 'full-text', 'a'), undefined);
      assert.deepEqual(
        (await store.pendingChanges()).map((change) => [change.key, change.action]),
        [['a', 'delete']],
      );
      assert.equal(await store.isPathTaken('C/a.md'), true, 'a path stays taken until its file is deleted');
      await store.clearPending([{ feedId: id, key: 'a' }]);
      assert.equal(await store.isPathTaken('C/a.md'), false);
    });

    withState('the processor cache remembers, replaces and forgets values', async ({ store }) => {
      const { id } = await store.feed('u');
      await store.recordSuccess(id, [record('posted')], { validators: {} });
      await store.setProcessorValue(id, 'filter', 'posted', 'keep');
      await store.setProcessorValue(id, 'filter', 'current', 'drop');
      await store.setProcessorValue(id, 'filter', 'gone', 'drop');
      await store.setProcessorValue(id, 'full-text', 'current', 'v1');
      await store.setProcessorValue(id, 'full-text', 'current', 'v2');
      assert.equal(await store.processorValue(id, 'full-text', 'current'), 'v2');
      assert.equal(await store.processorValue(id, 'filter', 'current'), 'drop');
      assert.equal(await store.processorValue(id, 'other', 'current'), undefined);
      await store.forgetProcessorValues(id, ['current']);
      assert.equal(await store.processorValue(id, 'filter', 'gone'), undefined);
      assert.equal(await store.processorValue(id, 'filter', 'posted'), 'keep');
      assert.equal(await store.processorValue(id, 'full-text', 'current'), 'v2');
    });

    withState('adoption inserts new rows only, renames keys and merges feeds', async ({ store }) => {
      const one = (await store.feed('one')).id;
      const inserted = await store.insertItems(one, [record('a'), record('b')]);
      assert.deepEqual(
        inserted.map((item) => item.key),
        ['a', 'b'],
      );
      const again = await store.insertItems(one, [record('a'), record('z', 'c/B.md'), record('c')]);
      assert.deepEqual(
        again.map((item) => item.key),
        ['c'],
        'a known key or folded path is skipped',
      );
      await store.renameItems(one, [
        { from: 'a', to: 'real-a' },
        { from: 'b', to: 'c' },
      ]);
      assert.deepEqual([...(await store.items(one)).keys()].sort(), ['b', 'c', 'real-a']);

      const two = (await store.feed('two')).id;
      await store.insertItems(two, [record('d')]);
      await store.mergeFeed(two, one);
      assert.equal(await store.findFeed('two'), undefined);
      assert.deepEqual([...(await store.items(one)).keys()].sort(), ['b', 'c', 'd', 'real-a']);
    });

    withState(
      'a whole site is adopted at once: feed rows made, taken keys and paths skipped',
      async ({ store }) => {
        const one = (await store.feed('one')).id;
        await store.insertItems(one, [record('a')]);
        const counts = await store.adoptItems([
          // A key the feed holds, a folded path another record of the same call takes, one new row.
          { feedUrl: 'one', records: [record('a', 'C/other.md'), record('b'), record('c', 'c/B.md')] },
          { feedUrl: 'feedmill-adopted:gone', records: [record('x'), record('y', 'C/A.md')] },
          { feedUrl: 'empty', records: [] },
        ]);
        assert.deepEqual(counts, [1, 1, 0]);
        assert.deepEqual([...(await store.items(one)).keys()].sort(), ['a', 'b']);
        const gone = await store.findFeed('feedmill-adopted:gone');
        assert.ok(gone, 'the feed row is made');
        assert.deepEqual([...(await store.items(gone.id)).keys()], ['x']);
        assert.ok(await store.findFeed('empty'));
        assert.equal(await store.countItems(), 3);
      },
    );

    withState('cached documents, instance health, feed statuses and next checks', async ({ store }) => {
      assert.equal(await store.readCache('rsshub-catalogue'), undefined);
      await store.writeCache('rsshub-catalogue', {
        source: 'https://docs',
        loadedAt: '2026-12-01T00:00:00Z',
        body: '[1]',
      });
      await store.writeCache('rsshub-catalogue', {
        source: 'https://docs',
        loadedAt: '2026-12-02T00:00:00Z',
        body: '[2]',
      });
      await store.writeCache('rsshub-radar-rules', {
        source: 'rules.json',
        loadedAt: '2026-12-03T00:00:00Z',
        body: '{}',
      });
      assert.deepEqual(await store.readCache('rsshub-catalogue'), {
        source: 'https://docs',
        loadedAt: '2026-12-02T00:00:00Z',
        body: '[2]',
      });
      assert.equal((await store.readCache('rsshub-radar-rules'))?.body, '{}');

      const failure = {
        kind: 'failed',
        error: 'HTTP 503',
        coolingUntil: '2026-12-01T01:00:00.000Z',
      } as const;
      await store.changeInstanceHealth('https://b.example', {
        ...failure,
        at: '2026-12-01T00:00:00.000Z',
        coolAfter: 1,
      });
      await store.changeInstanceHealth('https://a.example', {
        ...failure,
        at: '2026-12-01T00:30:00.000Z',
        coolAfter: 3,
      });
      await store.changeInstanceHealth('https://b.example', {
        kind: 'answered',
        at: '2026-12-01T02:00:00.000Z',
      });
      assert.deepEqual(await store.instanceHealth(), [
        {
          instance: 'https://a.example',
          consecutiveFailures: 1,
          lastError: 'HTTP 503',
          lastFailure: '2026-12-01T00:30:00.000Z',
        },
        { instance: 'https://b.example', consecutiveFailures: 0, lastSuccess: '2026-12-01T02:00:00.000Z' },
      ]);

      const b = (await store.feed('b')).id;
      await store.feed('a');
      await store.recordSuccess(b, [record('x'), record('y')], { validators: {} });
      const when = new Date('2026-12-03T04:05:06.000Z');
      await store.recordNextChecks(new Map([['a', when]]));
      const statuses = await store.feedStatuses();
      assert.deepEqual(
        statuses.map((status) => [status.url, status.posts, status.nextCheck]),
        [
          ['a', 0, when.toISOString()],
          ['b', 2, undefined],
        ],
      );
    });

    withState(
      "instance failures from two processes add up to the stored row's cool-down",
      async ({ store, another }) => {
        const second = await another();
        try {
          const failed = (at: string) =>
            ({
              kind: 'failed',
              at,
              error: 'HTTP 503',
              coolAfter: 3,
              coolingUntil: `${at.slice(0, 11)}09:00:00.000Z`,
            }) as const;
          // Each process knows one failure of its own; the row counts every one, in whatever order.
          const rows = await Promise.all([
            store.changeInstanceHealth('https://a.example/', failed('2026-12-01T01:00:00.000Z')),
            second.changeInstanceHealth('https://a.example/', failed('2026-12-01T02:00:00.000Z')),
          ]);
          assert.deepEqual(rows.map((row) => row.consecutiveFailures).sort(), [1, 2]);
          assert.equal(
            rows.some((row) => row.coolingUntil !== undefined),
            false,
          );
          const third = await second.changeInstanceHealth(
            'https://a.example/',
            failed('2026-12-02T03:00:00.000Z'),
          );
          assert.deepEqual(third, {
            instance: 'https://a.example/',
            consecutiveFailures: 3,
            coolingUntil: '2026-12-02T09:00:00.000Z',
            lastError: 'HTTP 503',
            lastFailure: '2026-12-02T03:00:00.000Z',
          });
          assert.deepEqual(await store.instanceHealth(), [third]);
          // An answer clears the failures and the cool-down; the next failure counts from one.
          const answered = await store.changeInstanceHealth('https://a.example/', {
            kind: 'answered',
            at: '2026-12-02T04:00:00.000Z',
          });
          assert.deepEqual(answered, {
            instance: 'https://a.example/',
            consecutiveFailures: 0,
            lastSuccess: '2026-12-02T04:00:00.000Z',
          });
          assert.deepEqual(await second.instanceHealth(), [answered]);
          const again = await second.changeInstanceHealth(
            'https://a.example/',
            failed('2026-12-02T05:00:00.000Z'),
          );
          assert.equal(again.consecutiveFailures, 1);
          assert.equal(again.lastSuccess, '2026-12-02T04:00:00.000Z');
          assert.equal(again.coolingUntil, undefined);
        } finally {
          await second.close();
        }
      },
    );

    withState(
      'a named feed whose url is edited takes over its row: posts kept, the old url’s answers cleared',
      async ({ store, another }) => {
        const old = await store.feed('https://old.example/feed', 'f0');
        await store.recordSuccess(old.id, [record('x'), record('y')], {
          validators: { etag: '"e1"', lastModified: 'Mon, 01 Dec 2026 00:00:00 GMT' },
          movedTo: 'https://elsewhere.example/feed',
        });
        await store.recordFailure(old.id, 'FETCH_TIMEOUT', 'timed out', new Date('2026-12-02T10:00:00.000Z'));
        const configured = new Set(['https://new.example/feed']);
        // Another name, or the old url still configured (another feed's now): nothing moves.
        assert.equal(await store.moveFeed('f1', 'https://new.example/feed', configured), undefined);
        const both = new Set([...configured, 'https://old.example/feed']);
        assert.equal(await store.moveFeed('f0', 'https://new.example/feed', both), undefined);

        // Two processes at once: one moves the row, the other finds nothing left to move.
        const second = await another();
        try {
          const results = await Promise.all([
            store.moveFeed('f0', 'https://new.example/feed', configured),
            second.moveFeed('f0', 'https://new.example/feed', configured),
          ]);
          assert.deepEqual(
            results.filter((moved) => moved !== undefined),
            [{ name: 'f0', from: 'https://old.example/feed', to: 'https://new.example/feed', posts: 2 }],
          );
        } finally {
          await second.close();
        }
        assert.equal(await store.findFeed('https://old.example/feed'), undefined);
        assert.deepEqual(await store.feed('https://new.example/feed', 'f0'), {
          id: old.id,
          url: 'https://new.example/feed',
          status: 'active',
          consecutiveFailures: 0,
        });
        assert.deepEqual([...(await store.items(old.id)).keys()].sort(), ['x', 'y']);
        // The url has a row now: moving again does nothing.
        assert.equal(await store.moveFeed('f0', 'https://new.example/feed', configured), undefined);
      },
    );

    withState('feed() records the config name; a renamed or unnamed feed updates it', async ({ store }) => {
      await store.feed('https://old.example/feed', 'f0');
      await store.feed('https://old.example/feed', 'renamed');
      assert.equal(await store.moveFeed('f0', 'https://new.example/feed', new Set()), undefined);
      // Undefined leaves the recorded name (adoption does not know it).
      await store.feed('https://old.example/feed');
      assert.equal(
        (await store.moveFeed('renamed', 'https://new.example/feed', new Set()))?.to,
        'https://new.example/feed',
      );
      await store.feed('https://new.example/feed', null);
      assert.equal(await store.moveFeed('renamed', 'https://third.example/feed', new Set()), undefined);
    });
  });
}
