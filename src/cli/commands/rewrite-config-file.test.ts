import assert from 'node:assert/strict';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { rewriteConfigFile } from './rewrite-config-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedmill-rewrite-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a private config (it may hold an RSSHub key) stays private when feeds are added', () => {
  const file = join(dir, 'private.yml');
  writeFileSync(file, 'feeds: []\n');
  chmodSync(file, 0o600);
  rewriteConfigFile(file, 'feeds:\n  - url: https://a.example/\n');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(readFileSync(file, 'utf8'), 'feeds:\n  - url: https://a.example/\n');
});

test('a symlinked config is written through the link, which stays a link', () => {
  const target = join(dir, 'dotfiles-feedmill.yml');
  const link = join(dir, 'feedmill.yml');
  writeFileSync(target, 'feeds: []\n');
  chmodSync(target, 0o640);
  symlinkSync(target, link);
  rewriteConfigFile(link, 'feeds: [x]\n');
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(target, 'utf8'), 'feeds: [x]\n');
  assert.equal(statSync(target).mode & 0o777, 0o640);
});

test('a config that does not exist yet is created', () => {
  const file = join(dir, 'new.yml');
  rewriteConfigFile(file, 'feeds: []\n');
  assert.equal(readFileSync(file, 'utf8'), 'feeds: []\n');
});
