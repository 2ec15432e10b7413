import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readSiteConfig } from './read-site-config.ts';

test('the site root is read from _config.yml with a slash at both ends', () => {
  const site = mkdtempSync(join(tmpdir(), 'feedmill-site-'));
  try {
    const read = (yaml: string) => {
      writeFileSync(join(site, '_config.yml'), yaml);
      return readSiteConfig(site);
    };
    assert.deepEqual(read('timezone: Asia/Shanghai\nroot: /blog/\n'), {
      timezone: 'Asia/Shanghai',
      root: '/blog/',
    });
    assert.deepEqual(read('root: news\n'), { root: '/news/' });
    assert.deepEqual(read('root: /\n'), {});
    assert.deepEqual(read('title: x\n'), {});
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
});
