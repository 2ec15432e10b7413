import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../src/cli/index.ts';
import { bufferOutput } from '../cli/buffer-output.ts';
import { rssFeed } from '../http/make-feed.ts';

// Losing the state database must never duplicate a post: the posts carry their identity and are
// adopted back, and posts of an older feedmill (no identity) are recognised when planned.

const site = mkdtempSync(join(tmpdir(), 'feedmill-state-lost-'));
after(() => rmSync(site, { recursive: true, force: true }));
const config = join(site, 'feedmill.yml');
const posts = join(site, 'source', '_posts');

function feedText(name: string, count: number): string {
  const text = rssFeed(
    `Feed ${name}`,
    Array.from({ length: count }, (_unused, index) => ({
      guid: `${name}-${index}`,
      // Two items share a title: the second post gets the suffixed name.
      title: index === 2 ? `${name} item 1` : `${name} item ${index}`,
      html: `<p>Body ${name} ${index}</p>`,
      date: new Date(Date.UTC(2026, 10, 1 + index, 8)),
    })),
  );
  // The last item has no date: it keeps the date it was first seen.
  return text.replace(/<pubDate>[^<]*<\/pubDate>(?=<description><!\[CDATA\[<p>Body \w+ 3)/, '');
}

function writeConfig(feeds: readonly string[]): void {
  writeFileSync(
    config,
    `hexo: .\nfeeds:\n${feeds.map((name) => `  - url: ${name}.xml\n    name: ${name}\n    categories: [News, ${name}]\n`).join('')}`,
  );
}

/** Every post: path, bytes and mtime. */
function snapshot(): Map<string, { text: string; mtime: number }> {
  const found = new Map<string, { text: string; mtime: number }>();
  for (const entry of readdirSync(posts, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.set(relative(posts, path), { text: readFileSync(path, 'utf8'), mtime: statSync(path).mtimeMs });
  }
  return found;
}

async function run(...args: string[]) {
  const output = bufferOutput(false);
  const code = await main([...args, '--config', config], output);
  return { code, stdout: output.stdout, stderr: output.stderr };
}

const loseState = () => rmSync(join(site, '.feedmill'), { recursive: true, force: true });

writeFileSync(join(site, 'alpha.xml'), feedText('alpha', 4));
writeFileSync(join(site, 'beta.xml'), feedText('beta', 4));
writeConfig(['alpha', 'beta']);

test('state.db deleted: the next run adopts every post, writes nothing and says so', async () => {
  const first = await run('run');
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /8 new/);
  const before = snapshot();
  assert.equal(before.size, 8);
  for (const { text } of before.values())
    assert.match(text, /\nfeedmill: '[0-9a-f]{16}\/[0-9a-f]{16}'\n---\n/);

  loseState();
  const dry = await run('run', '--dry-run');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /0 new, 0 updated, 8 unchanged/);
  assert.match(
    dry.stderr,
    /warning: the state database .*state\.db is missing: the run will adopt 8 post\(s\)/,
  );
  const again = await run('run');
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 new, 0 updated, 8 unchanged/);
  assert.match(
    again.stderr,
    /warning: the state database .*state\.db was missing: adopted 8 post\(s\) from /,
  );
  assert.deepEqual(snapshot(), before);

  const third = await run('run');
  assert.match(third.stdout, /0 new, 0 updated, 8 unchanged/);
  assert.doesNotMatch(third.stderr, /was missing/);
});

test('feedmill state rebuild, then a run: nothing new, nothing updated', async () => {
  const before = snapshot();
  const rebuilt = await run('state', 'rebuild');
  assert.equal(rebuilt.code, 0, rebuilt.stderr);
  assert.match(rebuilt.stdout, /adopted 8 post\(s\)/);
  assert.match(rebuilt.stdout, /kept the validators, backoff and pruned items of 2 feed\(s\)/);
  assert.match(rebuilt.stdout, /state\.db\.bak/);
  const after = await run('run');
  assert.equal(after.code, 0, after.stderr);
  assert.match(after.stdout, /0 new, 0 updated, 8 unchanged/);
  assert.deepEqual(snapshot(), before);

  loseState();
  const fromPosts = await run('state', 'rebuild');
  assert.equal(fromPosts.code, 0, fromPosts.stderr);
  assert.match(fromPosts.stdout, /adopted 8 post\(s\)/);
  const afterFromPosts = await run('run');
  assert.match(afterFromPosts.stdout, /0 new, 0 updated, 8 unchanged/);
  assert.deepEqual(snapshot(), before);
});

test('feedmill state export, then import into a lost state: nothing new, nothing updated', async () => {
  const before = snapshot();
  const exported = await run('state', 'export');
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, /^\{"feedmill_state":1\}\n\{"type":"feed","url":"alpha\.xml"/);
  assert.equal((await run('state', 'export')).stdout, exported.stdout, 'the same state, the same text');
  writeFileSync(join(site, 'state.jsonl'), exported.stdout);
  loseState();
  const imported = await run('state', 'import', join(site, 'state.jsonl'));
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /imported 2 feed\(s\), 8 item\(s\) and 0 pruned item\(s\)/);
  const after = await run('run');
  assert.equal(after.code, 0, after.stderr);
  assert.match(after.stdout, /0 new, 0 updated, 8 unchanged/);
  assert.doesNotMatch(after.stderr, /was missing/);
  assert.deepEqual(snapshot(), before);
});

test('posts of a feed dropped from the config are kept apart and rejoin it when it returns', async () => {
  const before = snapshot();
  writeConfig(['alpha']);
  loseState();
  const run1 = await run('run');
  assert.equal(run1.code, 0, run1.stderr);
  assert.match(run1.stderr, /adopted 8 post\(s\) .*\(4 of them of feeds no longer in the config/);
  writeConfig(['alpha', 'beta']);
  const run2 = await run('run');
  assert.match(run2.stdout, /0 new, 0 updated, 8 unchanged/);
  assert.deepEqual(snapshot(), before);
});

test('posts of an older feedmill (no identity) are matched by title, categories and date', async () => {
  const before = snapshot();
  for (const [path, { text }] of before) {
    let legacy = text.replace(/\nfeedmill: '[^']*'\n/, '\n');
    // An undated item's post carries the date it was first seen, an earlier run's.
    if (/item-3\.md$/.test(path))
      legacy = legacy.replace(/\ndate: '[^']*'\n/, "\ndate: 'Thu, 01 Jan 2026 00:00:00 GMT'\n");
    writeFileSync(join(posts, path), legacy);
  }
  loseState();
  const result = await run('run');
  assert.equal(result.code, 0, result.stderr);
  // The undated items render a new first-seen date, so they cannot be recognised: they are
  // the only new posts; every other post (suffixed names too) is rewritten in place with its identity.
  assert.match(result.stdout, /2 new, 6 updated, 0 unchanged/);
  const after = snapshot();
  for (const [path, { text }] of before) {
    if (/item-3\.md$/.test(path)) continue;
    assert.equal(after.get(path)?.text, text, path);
  }
  assert.equal(after.size, 10);
});
