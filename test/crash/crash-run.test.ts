import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { seededRandom as prng } from '../../bench/lib/seeded-random.ts';
import { openStore } from '../../src/store/index.ts';
import { rssFeed, type TestItem } from '../http/make-feed.ts';

// Kills `feedmill run` with SIGKILL at seeded random moments of a 200-feed run, 20+ times,
// then lets a run finish and checks: every item is in exactly one complete post, with its
// latest content, no temporary files, no duplicates, and the store agrees with the disk.

const REPO = resolve(import.meta.dirname, '../..');
const FEEDS = 200;
const ITEMS = 5;
const KILLS = 20;
/** Item bodies changed between two runs, so every run has writes to interrupt. */
const CHANGES = 120;
/**
 * Generous: the kill schedule calibrates itself to the machine, and the full suite runs two
 * test files at once on a 2-core machine; a run here took 60–75 s alone and over 120 s beside
 * the rest of the suite. Speed is the benchmarks' business, not this test's.
 */
const TIMEOUT_MS = 300_000;

interface Version {
  items: number;
  /** Content version per item index. */
  versions: number[];
}

function marker(feed: number, item: number, version: number): string {
  return `marker-${feed}-${item}-v${version}-end`;
}

function writeFeed(site: string, feed: number, state: Version): void {
  const items: TestItem[] = Array.from({ length: state.items }, (_unused, index) => ({
    guid: `g-${feed}-${index}`,
    title: `Item ${feed}-${index}`,
    html: `<p>${'text '.repeat(40)}</p><p>${marker(feed, index, state.versions[index] ?? 0)}</p>`,
    date: new Date(Date.UTC(2026, 0, 1 + index, feed % 24)),
  }));
  writeFileSync(join(site, 'feeds', `f${feed}.xml`), rssFeed(`Feed ${feed}`, items));
}

/** Writes `feeds` feeds of ITEMS items and a feedmill.yml for them; returns their versions. */
function seedSite(site: string, feeds: number): Version[] {
  mkdirSync(join(site, 'feeds'));
  const states: Version[] = Array.from({ length: feeds }, () => ({
    items: ITEMS,
    versions: new Array(ITEMS).fill(0),
  }));
  for (let feed = 0; feed < feeds; feed++) writeFeed(site, feed, states[feed]!);
  writeConfig(site, feeds);
  return states;
}

/** Between runs the feeds change: some items get a new body, some feeds a new item. */
function changeFeeds(site: string, states: Version[], random: () => number, changes: number): void {
  for (let change = 0; change < changes; change++) {
    const feed = Math.floor(random() * states.length);
    const state = states[feed]!;
    if (random() < 0.3) {
      state.items++;
      state.versions.push(0);
    } else {
      const item = Math.floor(random() * state.items);
      state.versions[item] = (state.versions[item] ?? 0) + 1;
    }
    writeFeed(site, feed, state);
  }
}

function spawnRun(site: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO, 'src/cli/bin.ts'),
      'run',
      '--config',
      join(site, 'feedmill.yml'),
      '--json',
    ],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

function finish(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolveExit) => child.on('exit', (code) => resolveExit({ code, stderr })));
}

function walk(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...walk(path));
    else found.push(path);
  }
  return found;
}

test('SIGKILL at random moments never leaves a duplicate, partial or missing post', {
  timeout: TIMEOUT_MS,
}, async () => {
  const site = mkdtempSync(join(tmpdir(), 'feedmill-crash-'));
  try {
    const states = seedSite(site, FEEDS);

    const random = prng(20261201);
    const mutate = () => changeFeeds(site, states, random, CHANGES);
    // Calibrate on this machine with one complete run, then start again from an empty site.
    const started = Date.now();
    const calibration = await finish(spawnRun(site));
    let estimateMs = Date.now() - started;
    assert.equal(calibration.code, 0, calibration.stderr);
    rmSync(join(site, 'source'), { recursive: true, force: true });
    rmSync(join(site, '.feedmill'), { recursive: true, force: true });

    // Kill until KILLS runs died mid-way; a run that finished first shortens the estimate
    // (the load of a shared machine varies), and its exit code must be 0.
    let killedMidRun = 0;
    let attempts = 0;
    while (killedMidRun < KILLS && attempts < KILLS * 2) {
      if (attempts++ > 0) mutate();
      const child = spawnRun(site);
      const exited = finish(child);
      const runStarted = Date.now();
      const delay = Math.floor(estimateMs * (0.15 + random() * 0.8));
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const result = await exited;
      clearTimeout(timer);
      if (result.code === null) killedMidRun++;
      else {
        assert.equal(result.code, 0, result.stderr);
        estimateMs = Math.min(estimateMs, Date.now() - runStarted);
      }
    }
    assert.equal(killedMidRun, KILLS, `only ${killedMidRun} runs were killed before finishing`);

    const final = await finish(spawnRun(site));
    assert.equal(final.code, 0, final.stderr);

    const files = walk(join(site, 'source', '_posts'));
    assert.deepEqual(
      files.filter((file) => !file.endsWith('.md')),
      [],
      'no temporary or stray files',
    );
    const expected = new Map<string, number>();
    states.forEach((state, feed) => {
      for (let item = 0; item < state.items; item++) expected.set(`${feed}-${item}`, state.versions[item]!);
    });
    assert.equal(files.length, expected.size, 'one post per item, no duplicates');
    const seen = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assert.ok(text.startsWith('---\n'), `complete front matter: ${file}`);
      const found = /marker-(\d+)-(\d+)-v(\d+)-end/.exec(text);
      assert.ok(found, `complete body: ${file}`);
      const key = `${found[1]}-${found[2]}`;
      assert.ok(!seen.has(key), `duplicate post for item ${key}`);
      seen.add(key);
      assert.equal(Number(found[3]), expected.get(key), `latest content for item ${key}`);
    }
    const store = openStore(join(site, '.feedmill', 'state.db'));
    try {
      assert.equal(store.countItems(), expected.size);
      assert.deepEqual(store.pendingChanges(), []);
    } finally {
      store.close();
    }
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
});

/** The site's posts: relative path → text. */
function postSet(site: string): Map<string, string> {
  const root = join(site, 'source', '_posts');
  return new Map(walk(root).map((file) => [relative(root, file), readFileSync(file, 'utf8')] as const));
}

function writeConfig(site: string, feeds: number): void {
  const feedList = Array.from(
    { length: feeds },
    (_unused, feed) =>
      `  - url: feeds/f${feed}.xml\n    name: f${feed}\n    categories: [Crash, F${feed % 10}]\n    limit: 50\n`,
  ).join('');
  writeFileSync(join(site, 'feedmill.yml'), `hexo: .\nfeeds:\n${feedList}`);
}

const loseState = (site: string) => {
  for (const suffix of ['', '-wal', '-shm'])
    rmSync(join(site, '.feedmill', `state.db${suffix}`), { force: true });
};

test("state.db deleted between runs (killed or not): the posts equal an uninterrupted run's", {
  timeout: TIMEOUT_MS,
}, async () => {
  const feeds = 60;
  const kills = 8;
  const site = mkdtempSync(join(tmpdir(), 'feedmill-crash-lost-'));
  const reference = mkdtempSync(join(tmpdir(), 'feedmill-crash-reference-'));
  try {
    const states = seedSite(site, feeds);
    const random = prng(20261206);
    const mutate = () => changeFeeds(site, states, random, 40);

    const started = Date.now();
    const first = await finish(spawnRun(site));
    assert.equal(first.code, 0, first.stderr);
    let estimateMs = Date.now() - started;

    // Runs that change posts, some killed midway, with the state lost before half of them
    // (also right after a kill, when the journal of the killed run goes with it).
    let killedMidRun = 0;
    let lost = 0;
    for (let attempt = 0; killedMidRun < kills && attempt < kills * 3; attempt++) {
      mutate();
      if (random() < 0.5) {
        loseState(site);
        lost++;
      }
      const child = spawnRun(site);
      const exited = finish(child);
      const runStarted = Date.now();
      const timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(estimateMs * (0.1 + random() * 0.8)));
      const result = await exited;
      clearTimeout(timer);
      if (result.code === null) killedMidRun++;
      else {
        assert.equal(result.code, 0, result.stderr);
        estimateMs = Math.min(estimateMs, Date.now() - runStarted);
      }
    }
    assert.equal(killedMidRun, kills, `only ${killedMidRun} runs were killed before finishing`);
    assert.ok(lost >= 3, `the state was lost only ${lost} times`);
    loseState(site);
    const final = await finish(spawnRun(site));
    assert.equal(final.code, 0, final.stderr);

    // The same final feeds, run once on an empty site.
    mkdirSync(join(reference, 'feeds'));
    for (let feed = 0; feed < feeds; feed++) writeFeed(reference, feed, states[feed]!);
    writeConfig(reference, feeds);
    const uninterrupted = await finish(spawnRun(reference));
    assert.equal(uninterrupted.code, 0, uninterrupted.stderr);

    const posts = postSet(site);
    const expected = postSet(reference);
    assert.equal(posts.size, expected.size, 'one post per item, no duplicates, no leftovers');
    assert.deepEqual([...posts.keys()].sort(), [...expected.keys()].sort());
    for (const [path, text] of expected) assert.equal(posts.get(path), text, path);
  } finally {
    rmSync(site, { recursive: true, force: true });
    rmSync(reference, { recursive: true, force: true });
  }
});
