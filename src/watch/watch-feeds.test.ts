import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import type { FeedReport } from '../pipeline/index.ts';
import { MAX_SLEEP_MS, type WatchHints, watchFeeds } from './watch-feeds.ts';

/** A fake clock: sleeping advances time instantly; the test stops the loop after `until`. */
function harness(until: string, results: (name: string, call: number) => FeedReport) {
  let now = new Date('2026-12-02T10:00:00Z').getTime();
  const end = new Date(until).getTime();
  const controller = new AbortController();
  const runs: Array<{ at: string; names: string[] }> = [];
  const generated: string[] = [];
  const calls = new Map<string, number>();
  const hints = new Map<string, WatchHints>();
  return {
    controller,
    runs,
    generated,
    hints,
    deps: {
      now: () => new Date(now),
      sleep: async (ms: number) => {
        now += ms;
        if (now >= end) controller.abort();
      },
      random: () => 0.5,
      runFeeds: async (names: readonly string[]) => {
        runs.push({ at: new Date(now).toISOString(), names: [...names] });
        now += 1000; // a run takes a second
        const feeds = names.map((name) => {
          const call = (calls.get(name) ?? 0) + 1;
          calls.set(name, call);
          return results(name, call);
        });
        return { feeds, hints: new Map(hints) };
      },
      generate: async () => {
        generated.push(new Date(now).toISOString());
      },
    },
  };
}

const ok = (name: string, created: number): FeedReport => ({
  name,
  status: 'ok',
  created,
  updated: 0,
  unchanged: 0,
  source: name,
  diagnostics: [],
});

test('each feed runs on its own interval, starting with all of them at once', async () => {
  const h = harness('2026-12-02T11:05:00Z', (name) => ok(name, 0));
  await watchFeeds(
    [
      { name: 'fast', intervalMinutes: 20 },
      { name: 'slow', intervalMinutes: 60 },
    ],
    h.deps,
    h.controller.signal,
    0,
  );
  assert.deepEqual(h.runs, [
    { at: '2026-12-02T10:00:00.000Z', names: ['fast', 'slow'] },
    { at: '2026-12-02T10:20:01.000Z', names: ['fast'] },
    { at: '2026-12-02T10:40:02.000Z', names: ['fast'] },
    { at: '2026-12-02T11:00:01.000Z', names: ['slow'] },
    { at: '2026-12-02T11:00:03.000Z', names: ['fast'] },
  ]);
  assert.deepEqual(h.generated, [], 'nothing changed, nothing generated');
});

test('a finished feed waits for the check its run recorded; resumed, it is back on its interval', async () => {
  const finished = (nextCheck: string): FeedReport => ({ ...ok('done', 0), finished: true, nextCheck });
  // Fetched: the run put its next check a day on; then a 304, another day; then resumed.
  const answers = [finished('2026-12-03T10:00:00.000Z'), finished('2026-12-04T10:00:00.000Z')];
  const h = harness('2026-12-04T11:05:00Z', (_name, call) => answers[call - 1] ?? ok('done', 0));
  await watchFeeds([{ name: 'done', intervalMinutes: 30 }], h.deps, h.controller.signal, 0);
  assert.deepEqual(
    h.runs.map((run) => run.at),
    [
      '2026-12-02T10:00:00.000Z',
      '2026-12-03T10:00:00.000Z',
      '2026-12-04T10:00:00.000Z',
      // Resumed: every 30 minutes again.
      '2026-12-04T10:30:01.000Z',
      '2026-12-04T11:00:02.000Z',
    ],
  );

  // Not fetched (the state's check is later than the watch thought): that check, not a day on.
  const late = harness('2026-12-02T19:00:00Z', (_name, call) =>
    call === 1
      ? {
          name: 'done',
          status: 'not-modified',
          source: 'done',
          finished: true,
          nextCheck: '2026-12-02T18:00:00.000Z',
          notFetched: 'finished',
        }
      : finished('2026-12-03T18:00:00.000Z'),
  );
  await watchFeeds([{ name: 'done', intervalMinutes: 30 }], late.deps, late.controller.signal, 0);
  assert.deepEqual(
    late.runs.map((run) => run.at),
    ['2026-12-02T10:00:00.000Z', '2026-12-02T18:00:00.000Z'],
  );

  // Read from a file, a finished feed has no next check: it stays on its interval.
  const file = harness('2026-12-02T11:05:00Z', () => ({ ...ok('done', 0), finished: true }));
  await watchFeeds([{ name: 'done', intervalMinutes: 30 }], file.deps, file.controller.signal, 0);
  assert.equal(file.runs.length, 3);
});

test('a failing feed backs off; RSS ttl and Retry-After from the fetch are honoured', async () => {
  const h = harness('2026-12-02T14:00:00Z', (name) =>
    name === 'bad' ? { name, status: 'failed', code: 'FETCH_TIMEOUT', message: 'x' } : ok(name, 0),
  );
  h.hints.set('ttl', { ttlMinutes: 100 });
  h.hints.set('limited', { retryAfter: new Date('2026-12-02T12:30:00Z') });
  await watchFeeds(
    [
      { name: 'bad', intervalMinutes: 30 },
      { name: 'ttl', intervalMinutes: 30 },
      { name: 'limited', intervalMinutes: 30 },
    ],
    h.deps,
    h.controller.signal,
    0,
  );
  const times = (name: string) => h.runs.filter((run) => run.names.includes(name)).map((run) => run.at);
  // 60, 120 minutes after each failure (30 × 2^n).
  assert.deepEqual(times('bad'), [
    '2026-12-02T10:00:00.000Z',
    '2026-12-02T11:00:01.000Z',
    '2026-12-02T13:00:02.000Z',
  ]);
  assert.deepEqual(times('ttl'), [
    '2026-12-02T10:00:00.000Z',
    '2026-12-02T11:40:01.000Z',
    '2026-12-02T13:20:02.000Z',
  ]);
  // Retry-After 12:30 postpones the 10:30 check; once past, the interval applies again.
  assert.deepEqual(times('limited'), [
    '2026-12-02T10:00:00.000Z',
    '2026-12-02T12:30:00.000Z',
    '2026-12-02T13:00:01.000Z',
    '2026-12-02T13:30:02.000Z',
  ]);
});

test('a feed whose last answer is fresh (Cache-Control, Expires) waits until it is stale', async () => {
  const h = harness('2026-12-02T12:50:00Z', (name, call) => {
    // The first answer is fresh until 11:15, the second says nothing.
    if (call === 1) h.hints.set(name, { freshUntil: new Date('2026-12-02T11:15:00Z') });
    else h.hints.delete(name);
    return ok(name, 0);
  });
  await watchFeeds([{ name: 'fresh', intervalMinutes: 30 }], h.deps, h.controller.signal, 0);
  assert.deepEqual(
    h.runs.map((run) => run.at),
    [
      '2026-12-02T10:00:00.000Z',
      '2026-12-02T11:15:00.000Z',
      '2026-12-02T11:45:01.000Z',
      '2026-12-02T12:15:02.000Z',
      '2026-12-02T12:45:03.000Z',
    ],
  );
});

test('changes trigger one debounced generate; a stop finishes the pending generate', async () => {
  const h = harness('2026-12-02T10:50:00Z', (name, call) => ok(name, call <= 2 ? 1 : 0));
  await watchFeeds([{ name: 'a', intervalMinutes: 20 }], h.deps, h.controller.signal, 5 * 60_000);
  assert.deepEqual(h.generated, ['2026-12-02T10:05:01.000Z', '2026-12-02T10:25:02.000Z']);
  const stopped = harness('2026-12-02T10:01:00Z', (name) => ok(name, 1));
  await watchFeeds([{ name: 'a', intervalMinutes: 20 }], stopped.deps, stopped.controller.signal, 5 * 60_000);
  assert.equal(stopped.generated.length, 1, 'the pending generate runs before returning');
});

test('an aborted signal stops before the next run', async () => {
  const h = harness('2026-12-02T10:00:00Z', (name) => ok(name, 0));
  h.controller.abort();
  await watchFeeds([{ name: 'a', intervalMinutes: 20 }], h.deps, h.controller.signal, 0);
  assert.deepEqual(h.runs, []);
});

test('a schedule kept from an earlier watch is resumed instead of checking at once', async () => {
  const h = harness('2026-12-02T10:30:00Z', (name) => ok(name, 0));
  await watchFeeds(
    [
      { name: 'kept', intervalMinutes: 60, firstCheck: new Date('2026-12-02T10:20:00Z') },
      { name: 'new', intervalMinutes: 60 },
    ],
    h.deps,
    h.controller.signal,
    0,
  );
  assert.deepEqual(h.runs, [
    { at: '2026-12-02T10:00:00.000Z', names: ['new'] },
    { at: '2026-12-02T10:20:00.000Z', names: ['kept'] },
  ]);
});

test('a cycle that finds the site lock held is skipped and retried within a minute; the loop keeps running', async () => {
  const h = harness('2026-12-02T11:30:00Z', (name) => ok(name, 0));
  const attempts: string[] = [];
  const skipped: Array<{ message: string; retryAt: string }> = [];
  let lockedCalls = 2; // held when the watch starts, and still at the first retry
  await watchFeeds(
    [
      { name: 'a', intervalMinutes: 60 },
      { name: 'later', intervalMinutes: 60, firstCheck: new Date('2026-12-02T10:30:00Z') },
    ],
    {
      ...h.deps,
      runFeeds: async (names) => {
        attempts.push(`${h.deps.now().toISOString()} ${names.join(',')}`);
        if (lockedCalls-- > 0)
          throw new FeedmillError('LOCKED', 'another feedmill run holds run.lock (pid 7)');
        return h.deps.runFeeds(names);
      },
      onLocked: ({ error, retryAt }) =>
        skipped.push({ message: error.message, retryAt: retryAt.toISOString() }),
    },
    h.controller.signal,
    0,
  );
  // random() = 0.5: 45 s after each refusal, not a whole interval.
  assert.deepEqual(skipped, [
    { message: 'another feedmill run holds run.lock (pid 7)', retryAt: '2026-12-02T10:00:45.000Z' },
    { message: 'another feedmill run holds run.lock (pid 7)', retryAt: '2026-12-02T10:01:30.000Z' },
  ]);
  assert.deepEqual(attempts, [
    '2026-12-02T10:00:00.000Z a',
    '2026-12-02T10:00:45.000Z a',
    '2026-12-02T10:01:30.000Z a',
    '2026-12-02T10:30:00.000Z later',
    '2026-12-02T11:01:31.000Z a',
  ]);
});

test('a cycle that fails as a whole is reported and retried, backing off; the watch goes on', async () => {
  const h = harness('2026-12-02T11:00:00Z', (name) => ok(name, 0));
  const failed: Array<{ message: string; retryAt: string; failures: number }> = [];
  let broken = 3; // e.g. a config edited into invalid YAML, or a read-only state database
  await watchFeeds(
    [{ name: 'a', intervalMinutes: 20 }],
    {
      ...h.deps,
      runFeeds: async (names) => {
        if (broken-- > 0) throw new FeedmillError('STATE_FAILED', 'the state database is read-only');
        return h.deps.runFeeds(names);
      },
      onCycleFailed: ({ error, retryAt, failures }) =>
        failed.push({ message: (error as Error).message, retryAt: retryAt.toISOString(), failures }),
    },
    h.controller.signal,
    0,
  );
  // One minute, then two, then four: never a busy loop, and no stop.
  assert.deepEqual(failed, [
    { message: 'the state database is read-only', retryAt: '2026-12-02T10:01:00.000Z', failures: 1 },
    { message: 'the state database is read-only', retryAt: '2026-12-02T10:03:00.000Z', failures: 2 },
    { message: 'the state database is read-only', retryAt: '2026-12-02T10:07:00.000Z', failures: 3 },
  ]);
  assert.deepEqual(
    h.runs.map((run) => run.at),
    ['2026-12-02T10:07:00.000Z', '2026-12-02T10:27:01.000Z', '2026-12-02T10:47:02.000Z'],
  );
});

test('a cycle failing for good waits at most half an hour between tries', async () => {
  const h = harness('2026-12-03T10:00:00Z', (name) => ok(name, 0));
  const retries: number[] = [];
  await watchFeeds(
    [{ name: 'a', intervalMinutes: 20 }],
    {
      ...h.deps,
      runFeeds: async () => {
        throw new Error('bug');
      },
      onCycleFailed: ({ retryAt }) => retries.push((retryAt.getTime() - h.deps.now().getTime()) / 60_000),
    },
    h.controller.signal,
    0,
  );
  assert.deepEqual(retries.slice(0, 7), [1, 2, 4, 8, 16, 30, 30]);
  assert.ok(retries.length > 40 && retries.length < 60, `${retries.length} tries in a day`);
});

test('feeds added to or removed from the config while watching are picked up', async () => {
  const h = harness('2026-12-02T11:10:00Z', (name) => ok(name, 0));
  let feeds = [
    { name: 'a', intervalMinutes: 30 },
    { name: 'gone', intervalMinutes: 30 },
  ];
  await watchFeeds(
    feeds,
    {
      ...h.deps,
      currentFeeds: () => feeds,
      runFeeds: async (names) => {
        const outcome = await h.deps.runFeeds(names);
        // Edited during the first run: one feed removed, one added, one interval changed.
        feeds = [
          { name: 'a', intervalMinutes: 60 },
          { name: 'added', intervalMinutes: 30 },
        ];
        return outcome;
      },
    },
    h.controller.signal,
    0,
  );
  assert.deepEqual(h.runs, [
    { at: '2026-12-02T10:00:00.000Z', names: ['a', 'gone'] },
    { at: '2026-12-02T10:00:01.000Z', names: ['added'] },
    { at: '2026-12-02T10:30:01.000Z', names: ['a'] },
    { at: '2026-12-02T10:30:02.000Z', names: ['added'] },
    { at: '2026-12-02T11:00:03.000Z', names: ['added'] },
  ]);
});

test('never sleeps more than a minute at once, so a suspend or a clock change is noticed', async () => {
  const h = harness('2026-12-02T12:00:00Z', (name) => ok(name, 0));
  const slept: number[] = [];
  await watchFeeds(
    [{ name: 'a', intervalMinutes: 60 }],
    {
      ...h.deps,
      sleep: async (ms) => {
        slept.push(ms);
        await h.deps.sleep(ms);
      },
    },
    h.controller.signal,
    0,
  );
  assert.ok(slept.length > 100, `${slept.length} sleeps`);
  assert.ok(
    slept.every((ms) => ms <= MAX_SLEEP_MS),
    `slept ${Math.max(...slept)} ms at once`,
  );
});

test('a wall clock set back moves the schedule back with it', async () => {
  let now = new Date('2026-12-02T10:00:00Z').getTime();
  const controller = new AbortController();
  const runs: string[] = [];
  let jumped = false;
  await watchFeeds(
    [{ name: 'a', intervalMinutes: 30 }],
    {
      now: () => new Date(now),
      random: () => 0.5,
      sleep: async (ms) => {
        now += ms;
        // Ten minutes after the first run the clock is set back by two hours.
        if (!jumped && now >= new Date('2026-12-02T10:10:00Z').getTime()) {
          jumped = true;
          now -= 2 * 3_600_000;
        }
        // Stops the loop should it wait (about) two hours more.
        if (now >= new Date('2026-12-02T10:10:00Z').getTime()) controller.abort();
      },
      runFeeds: async (names) => {
        runs.push(new Date(now).toISOString());
        if (runs.length >= 2) controller.abort();
        return { feeds: names.map((name) => ok(name, 0)), hints: new Map() };
      },
    },
    controller.signal,
    0,
  );
  // 30 minutes after the first run by the time that passed: 08:30 on the clock set back.
  assert.deepEqual(runs, ['2026-12-02T10:00:00.000Z', '2026-12-02T08:30:00.000Z']);
});

test('a stop during a run leaves the feeds it did not reach due, not scheduled as if checked', async () => {
  const h = harness('2026-12-02T12:00:00Z', (name) => ok(name, 0));
  const scheduled: string[] = [];
  await watchFeeds(
    [
      { name: 'a', intervalMinutes: 30 },
      { name: 'b', intervalMinutes: 30 },
    ],
    {
      ...h.deps,
      runFeeds: async (names, signal?: AbortSignal) => {
        h.controller.abort(); // SIGTERM while the run works on 'a'
        if (signal?.aborted !== true) throw new Error('the run is not told about the stop');
        return { feeds: [ok(names[0]!, 0)], hints: new Map() };
      },
      onCycle: (cycle) => scheduled.push(...cycle.scheduled.keys()),
    },
    h.controller.signal,
    0,
  );
  assert.deepEqual(scheduled, ['a']);
});
