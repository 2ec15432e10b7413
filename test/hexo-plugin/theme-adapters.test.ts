import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

// The plugin's theme adapters (hexo/theme-adapters.cjs) against a stand-in for the few parts
// of Hexo they use; test/browser/theme-presets.test.ts checks them in real sites.

type Getter = () => unknown;
type Filter = (locals: { page?: Record<string, unknown> }) => unknown;

interface FakeHexo {
  config: { theme: string; root: string };
  theme: { config: unknown };
  locals: { getters: Record<string, Getter>; set(name: string, getter: Getter): void };
  model(name: string): { forEach(visit: (post: Record<string, unknown>) => void): void };
  extend: {
    filter: { register(name: string, filter: Filter): void };
    injector: { register(entry: string, value: string): void };
  };
  filters: Array<[string, Filter]>;
  injected: Array<[string, string]>;
}

const require = createRequire(import.meta.url);
const registerThemeAdapters = require('../../hexo/theme-adapters.cjs') as (hexo: FakeHexo) => void;

function fakeHexo(
  theme: string,
  posts: Array<Record<string, unknown>>,
  data: Record<string, unknown>,
): FakeHexo {
  const hexo: FakeHexo = {
    config: { theme, root: '/news/' },
    theme: {
      config: {
        article: { body: { meta_library: { author: { name: 'Site', avatar: 'data:,a', url: '/' } } } },
      },
    },
    locals: {
      getters: { data: () => data },
      set(name, getter) {
        this.getters[name] = getter;
      },
    },
    model: () => ({ forEach: (visit) => posts.forEach(visit) }),
    extend: {
      filter: { register: (name, filter) => hexo.filters.push([name, filter]) },
      injector: { register: (entry, value) => hexo.injected.push([entry, value]) },
    },
    filters: [],
    injected: [],
  };
  return hexo;
}

test('volantis: every post author is a key of site.data.author, escaped, the site file winning', () => {
  const posts = [
    { author: `Zoë O'Brien & "Desk" <b>` },
    { author: 'constructor' },
    { author: 'Listed' },
    { author: '' },
    {},
    { author: 'constructor' },
  ];
  const listed = { Listed: { name: 'From author.yml', avatar: 'x.png', url: '/x/' } };
  const hexo = fakeHexo('volantis', posts, { author: listed, other: 1 });
  registerThemeAdapters(hexo);
  const data = hexo.locals.getters.data!() as { author: Record<string, unknown>; other: number };
  assert.equal(data.other, 1, 'the other data files stay');
  assert.deepEqual(data.author[`Zoë O'Brien & "Desk" <b>`], {
    name: 'Zoë O&#39;Brien &amp; &quot;Desk&quot; &lt;b&gt;',
    avatar: 'data:,a',
    url: '/',
  });
  assert.deepEqual(data.author.constructor, { name: 'constructor', avatar: 'data:,a', url: '/' });
  assert.equal(data.author.Listed, listed.Listed);
  // The theme looks names up with `in`: nothing inherited may match.
  assert.ok(!('toString' in data.author));
  assert.deepEqual(
    Object.keys(data.author).sort(),
    [`Zoë O'Brien & "Desk" <b>`, 'Listed', 'constructor'].sort(),
  );
  assert.deepEqual(
    hexo.injected.map(([entry]) => entry),
    ['head_end'],
  );
  assert.match(
    hexo.injected[0]![1],
    /^<style>[^<]*img\.thumbnail\.fix-error\{display:none!important\}<\/style>$/,
  );
});

test('butterfly: the post author becomes copyright_author unless the post sets one', () => {
  const hexo = fakeHexo('butterfly', [], {});
  registerThemeAdapters(hexo);
  assert.deepEqual(
    hexo.filters.map(([name]) => name),
    ['template_locals'],
  );
  const filter = hexo.filters[0]![1];
  const post = { author: 'Wire desk' };
  filter({ page: post });
  assert.equal((post as Record<string, unknown>).copyright_author, 'Wire desk');
  const own = { author: 'Wire desk', copyright_author: 'Someone' };
  filter({ page: own });
  assert.equal(own.copyright_author, 'Someone');
  const index = { posts: [] };
  filter({ page: index });
  assert.equal('copyright_author' in index, false);
});

test('landscape and next: a feedmill post gets its author as an escaped byline', () => {
  for (const theme of ['landscape', 'next']) {
    const hexo = fakeHexo(theme, [], {});
    registerThemeAdapters(hexo);
    assert.equal(hexo.filters[0]![0], 'after_post_render');
    const filter = hexo.filters[0]![1] as unknown as (
      data: Record<string, unknown>,
    ) => Record<string, unknown>;
    const post = filter({ feedmill: 'a/b', author: `Desk & "Wire"`, content: '<p>body</p>' });
    assert.equal(
      post.content,
      '<p class="feedmill-byline"><em>Desk &amp; &quot;Wire&quot;</em></p><p>body</p>',
    );
    // The site's own posts (no feedmill identity) and posts without an author are left alone.
    assert.equal(filter({ author: 'Me', content: '<p>mine</p>' }).content, '<p>mine</p>');
    assert.equal(filter({ feedmill: 'a/b', content: '<p>x</p>' }).content, '<p>x</p>');
  }
});

test("landscape: the layout's bare <html> gets the site language, other markup is left alone", () => {
  const hexo = fakeHexo('landscape', [], {});
  (hexo.config as { language?: unknown }).language = ['zh-CN', 'en'];
  registerThemeAdapters(hexo);
  const entry = hexo.filters.find(([name]) => name === 'after_render:html');
  assert.ok(entry, 'an after_render:html filter is registered');
  const filter = entry[1] as unknown as (html: string) => string;
  assert.equal(filter('<!DOCTYPE html>\n<html>\n<head>'), '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>');
  assert.equal(filter('<html>'), '<html lang="zh-CN">');
  assert.equal(filter('<p>write <html> here</p>'), '<p>write <html> here</p>');
  assert.equal(filter('<html lang="en">'), '<html lang="en">');
});

test('other themes get no adapter', () => {
  const hexo = fakeHexo('fluid', [{ author: 'A' }], { author: {} });
  const data = hexo.locals.getters.data;
  registerThemeAdapters(hexo);
  assert.equal(hexo.locals.getters.data, data);
  assert.deepEqual(hexo.filters, []);
  assert.deepEqual(hexo.injected, []);
});
