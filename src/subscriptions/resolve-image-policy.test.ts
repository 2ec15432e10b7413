import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSchema } from '../config/schema.ts';
import { imageDownloadsPerRun, resolveImagePolicy } from './resolve-image-policy.ts';

const load = (config: Record<string, unknown>) => configSchema.parse(config);

test("images: a feed's fields win over the top level; hotlink by default", () => {
  const config = load({
    images: { proxy: 'https://proxy.example/?url={url}', max_bytes: 2048, max_per_run: 7 },
    feeds: [
      { url: 'https://a.example/feed' },
      { url: 'https://b.example/feed', images: 'local' },
      { url: 'https://c.example/feed', images: { mode: 'local', max_per_item: 3 } },
      { url: 'https://d.example/feed', images: 'hotlink' },
    ],
  });
  assert.deepEqual(
    config.feeds.map((feed) => resolveImagePolicy(feed, config)),
    [
      { mode: 'proxy', template: 'https://proxy.example/?url={url}' },
      { mode: 'local', maxBytes: 2048, maxPerItem: 30 },
      { mode: 'local', maxBytes: 2048, maxPerItem: 3 },
      { mode: 'hotlink' },
    ],
  );
  assert.equal(imageDownloadsPerRun(config), 7);
  const plain = load({ feeds: [{ url: 'https://a.example/feed' }] });
  assert.deepEqual(resolveImagePolicy(plain.feeds[0]!, plain), { mode: 'hotlink' });
  assert.equal(imageDownloadsPerRun(plain), 500);
});

test('images: bad values are configuration errors naming the key', () => {
  const issues = (config: Record<string, unknown>) => {
    const result = configSchema.safeParse(config);
    return result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };
  assert.match(
    issues({ images: { mode: 'proxy' }, feeds: [{ url: 'x' }] }).join('\n'),
    /images\.proxy: proxy mode needs a URL template/,
  );
  assert.match(
    issues({ images: { proxy: 'https://p.example/{src}' }, feeds: [{ url: 'x' }] }).join('\n'),
    /\{src\} is not a placeholder/,
  );
  assert.notDeepEqual(issues({ feeds: [{ url: 'x', images: 'remote' }] }), []);
  assert.notDeepEqual(issues({ feeds: [{ url: 'x', images: { max_per_run: 3 } }] }), []);
});
