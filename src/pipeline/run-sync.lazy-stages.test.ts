import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

// A hook that writes the URL of every module the process loads to the file in LOADED_MODULES.
const RECORD_LOADS = `data:text/javascript,${encodeURIComponent(
  `import { appendFileSync } from 'node:fs';
   export async function load(url, context, next) {
     appendFileSync(process.env.LOADED_MODULES, url + '\\n');
     return next(url, context);
   }`,
)}`;

/** Runs runSync on two feeds in a fresh process, each answering `answer`; returns the modules it loaded. */
function modulesLoaded(answer: 'not-modified' | 'fetched'): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-lazy-'));
  const loaded = join(folder, 'loaded.txt');
  const url = (path: string) => pathToFileURL(join(import.meta.dirname, path)).href;
  const script = `
    import { register } from 'node:module';
    register(${JSON.stringify(RECORD_LOADS)});
    const { runSync } = await import(${JSON.stringify(url('run-sync.ts'))});
    const { openStore } = await import(${JSON.stringify(url('../store/index.ts'))});
    const { HEXO_TARGET } = await import(${JSON.stringify(url('../render/index.ts'))});
    const body = new TextEncoder().encode('<rss version="2.0"><channel><title>t</title></channel></rss>');
    const fetcher = {
      fetch: async (location) =>
        ${JSON.stringify(answer)} === 'fetched'
          ? { kind: 'fetched', body, url: location.url, validators: {} }
          : { kind: 'not-modified', url: location.url },
    };
    const store = openStore(':memory:');
    const subscriptions = ['a', 'b'].map((name) => ({
      name, source: 'https://' + name + '.test/feed', categories: ['News'], limit: 10, timezone: 'UTC',
      locations: [{ kind: 'http', url: 'https://' + name + '.test/feed' }],
    }));
    const report = await runSync(
      { subscriptions, target: HEXO_TARGET, site: {}, concurrency: 2 },
      { fetcher, store, writer: { write: async () => {}, remove: async () => {}, flush: async () => {} },
        namesIn: () => [], now: () => new Date() },
    );
    store.close();
    if (report.feeds.some((feed) => feed.status === 'failed')) throw new Error(JSON.stringify(report));
  `;
  try {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, LOADED_MODULES: loaded },
      encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
    return readFileSync(loaded, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const STAGES = ['/pipeline/render-feed.ts', '/clean/index.ts', '/normalize/index.ts', '/process/index.ts'];

test('a run whose feeds all answer 304 loads no parse-to-render stage; a feed with a body does', () => {
  const notModified = modulesLoaded('not-modified');
  for (const stage of STAGES)
    assert.ok(!notModified.some((url) => url.endsWith(stage)), `${stage} loaded by an all-304 run`);
  const fetched = modulesLoaded('fetched');
  for (const stage of STAGES)
    assert.ok(
      fetched.some((url) => url.endsWith(stage)),
      `${stage} not loaded by a run with a body to render`,
    );
});
