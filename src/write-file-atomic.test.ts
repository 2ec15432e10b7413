import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { FeedmillError } from './errors.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'feedmill-atomic-'));
  folders.push(made);
  return made;
}

test('writeFileAtomic replaces the whole file and leaves no temporary file', () => {
  const dir = folder();
  const path = join(dir, 'feedmill.yml');
  writeFileSync(path, 'old\n');
  writeFileAtomic(path, 'new\n');
  assert.equal(readFileSync(path, 'utf8'), 'new\n');
  assert.deepEqual(readdirSync(dir), ['feedmill.yml']);
});

test('writeFileAtomic removes its temporary file when the rename fails', () => {
  const dir = folder();
  // A non-empty folder where the file should go: the temporary file is written, the rename fails.
  const path = join(dir, 'feeds.opml');
  mkdirSync(path);
  writeFileSync(join(path, 'keep'), 'x');
  assert.throws(
    () => writeFileAtomic(path, '<opml/>'),
    (error) =>
      error instanceof FeedmillError && error.code === 'WRITE_FAILED' && error.message.includes(path),
  );
  assert.deepEqual(readdirSync(dir), ['feeds.opml']);
  assert.deepEqual(readdirSync(path), ['keep']);
});
