import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../src/cli/index.ts';
import { SqliteDatabase } from '../../src/store/index.ts';
import { rssFeed } from '../http/make-feed.ts';
import { bufferOutput } from './buffer-output.ts';

// A damaged state database is one clear STATE_FAILED error (the file, the cause, how to
// rebuild it), exit code 1 and no stack trace, for every command that reads the state.

const site = mkdtempSync(join(tmpdir(), 'feedmill-damage-'));
const config = join(site, 'feedmill.yml');
const statePath = join(site, '.feedmill', 'state.db');
let healthy: Buffer;

before(async () => {
  const feeds = Array.from({ length: 12 }, (_unused, feed) => feed);
  for (const feed of feeds) {
    const items = Array.from({ length: 30 }, (_unused, index) => ({
      guid: `urn:feed-${feed}:item-${index}:${'x'.repeat(80)}`,
      title: `Feed ${feed} item ${index}`,
      html: `<p>${index}</p>`,
      date: new Date(Date.UTC(2026, 9, 1 + index)),
    }));
    writeFileSync(join(site, `f${feed}.xml`), rssFeed(`Feed ${feed}`, items));
  }
  writeFileSync(
    config,
    `hexo: .\nfeeds:\n${feeds.map((feed) => `  - url: f${feed}.xml\n    categories: [F${feed}]\n`).join('')}`,
  );
  const output = bufferOutput(false);
  assert.equal(await main(['run', '--config', config, '--quiet'], output), 0, output.stderr);
  healthy = readFileSync(statePath);
});
after(() => rmSync(site, { recursive: true, force: true }));

/** Restores the healthy database, then writes random bytes over `length` bytes at `offset`. */
function damage(offset: number, length: number): void {
  for (const suffix of ['-wal', '-shm']) rmSync(statePath + suffix, { force: true });
  writeFileSync(statePath, healthy);
  const fd = openSync(statePath, 'r+');
  try {
    writeSync(fd, randomBytes(length), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

/**
 * The 0-based number of a page in the middle of those the healthy database uses: a free page
 * is never read, so damage there would go unseen (and the file's layout moves as tables are added).
 */
function middlePageInUse(): number {
  const copy = join(site, 'healthy-copy.db');
  writeFileSync(copy, healthy);
  const db = new SqliteDatabase(copy, { readonly: true });
  try {
    const pages = db
      .prepare<[], { pageno: number }>('SELECT DISTINCT pageno FROM dbstat ORDER BY pageno')
      .all()
      .map((row) => row.pageno);
    return pages[Math.floor(pages.length / 2)]! - 1;
  } finally {
    db.close();
    rmSync(copy, { force: true });
  }
}

const DAMAGED = new RegExp(
  `^error: the state database ${statePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\((database disk image is malformed|file is not a database)\\); ` +
    'move it aside and run `feedmill state rebuild` to rebuild it from the posts \\[STATE_FAILED\\]\\n$',
);

for (const [where, offset, length] of [
  ['the header page', 100, 4096 - 100],
  ['a middle page', () => middlePageInUse() * 4096, 4096],
  ['the last page', () => statSync(statePath).size - 4096, 4096],
] as const) {
  for (const command of [['run'], ['run', '--dry-run'], ['status'], ['prune'], ['watch']]) {
    test(`${command.join(' ')} over a database damaged in ${where}: STATE_FAILED, exit 1`, async () => {
      damage(typeof offset === 'number' ? offset : offset(), length);
      const output = bufferOutput(false);
      const code = await main([...command, '--config', config], output);
      assert.equal(code, 1, output.stdout + output.stderr);
      assert.match(output.stderr, DAMAGED);
      assert.doesNotMatch(output.stderr, /\n\s+at /, 'no stack trace');
    });
  }
}

test('feedmill state rebuild over a damaged database: rebuilt from the posts, then runs write nothing', async () => {
  damage(middlePageInUse() * 4096, 4096);
  const rebuilt = bufferOutput(false);
  assert.equal(await main(['state', 'rebuild', '--config', config], rebuilt), 0, rebuilt.stderr);
  assert.match(rebuilt.stdout, /adopted 180 post\(s\)/);
  assert.match(rebuilt.stdout, /the old database was damaged \(database disk image is malformed\)/);
  const output = bufferOutput(false);
  assert.equal(await main(['run', '--config', config], output), 0, output.stderr);
  assert.match(output.stdout, /0 new, 0 updated, 180 unchanged/);
});
