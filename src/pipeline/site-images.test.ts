import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LoadedConfig } from '../config/index.ts';
import { configSchema } from '../config/schema.ts';
import { HEXO_TARGET } from '../render/index.ts';
import { openStore } from '../store/index.ts';
import { siteImages } from './site-images.ts';

const loaded = (config: Record<string, unknown>): LoadedConfig => ({
  config: configSchema.parse({ feeds: [{ url: 'https://a.example/feed' }], ...config }),
  file: '/site/feedmill.yml',
  urlEnv: new Map(),
  siteRoot: '/site',
  statePath: '/site/.feedmill/state.db',
  state: { kind: 'sqlite', path: '/site/.feedmill/state.db' },
});

test("the image folder is the target's, served under the site root, capped per run", () => {
  const store = openStore(':memory:', { fsync: false });
  const images = siteImages(
    loaded({ images: { mode: 'local', max_per_run: 9 } }),
    HEXO_TARGET,
    { root: '/my blog/' },
    store,
    {
      dryRun: true,
    },
  );
  assert.equal(images?.processor.urlPath, '/my%20blog/images/feedmill/');
  assert.equal(images?.processor.maxDownloadsPerRun, 9);
  assert.equal(
    siteImages(loaded({}), HEXO_TARGET, {}, store, { dryRun: true })?.processor.urlPath,
    '/images/feedmill/',
  );
  assert.equal(
    siteImages(loaded({}), { ...HEXO_TARGET, images: undefined }, {}, store, { dryRun: true }),
    undefined,
  );
  assert.equal(join('/site', HEXO_TARGET.images!.dir), '/site/source/images/feedmill');
  store.close();
});
