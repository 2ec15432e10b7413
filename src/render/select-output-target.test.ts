import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { detectGenerator, selectOutputTarget } from './select-output-target.ts';

test('the configured generator wins; else a Hugo config without _config.yml means Hugo', () => {
  const site = mkdtempSync(join(tmpdir(), 'feedmill-detect-'));
  try {
    assert.equal(detectGenerator(site), 'hexo');
    writeFileSync(join(site, 'config.toml'), 'title = "x"\n');
    assert.equal(detectGenerator(site), 'hugo');
    assert.equal(selectOutputTarget(undefined, site).postsDir, 'content/posts');
    assert.equal(selectOutputTarget('hexo', site).postsDir, 'source/_posts');
    writeFileSync(join(site, '_config.yml'), 'title: x\n');
    assert.equal(detectGenerator(site), 'hexo');
    assert.equal(selectOutputTarget('hugo', site).generator, 'hugo');
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
});
