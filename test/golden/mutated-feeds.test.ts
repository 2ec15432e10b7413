import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import yaml from 'js-yaml';
import { cleanItem } from '../../src/clean/index.ts';
import { FeedmillError } from '../../src/errors.ts';
import type { Subscription } from '../../src/model.ts';
import { toItems } from '../../src/normalize/index.ts';
import { decodeBytes, parseFeed } from '../../src/parse/index.ts';
import { HEXO_TARGET, HUGO_TARGET, themeSafeText } from '../../src/render/index.ts';

// Hostile bytes are mostly broken versions of ordinary feeds: every golden parse input, cut,
// spliced and sprinkled with markup, entity, CDATA and JSON fragments by a seeded generator, is
// taken from bytes to both targets' post files. Whatever comes in, a feed either fails with a
// FeedmillError (which names the cause; the run goes on with the other feeds) or gives posts
// whose front matter a YAML reader loads back to the title and categories that were rendered.

const CASES = join(import.meta.dirname, 'parse');
const MUTANTS_PER_FEED = 6;
const FRAGMENTS = [
  '<',
  '>',
  '&',
  '&amp;',
  '&#',
  '&#x',
  '&#0;',
  '&#xD800;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '"',
  "'",
  '<item>',
  '</item>',
  '<entry>',
  '</entry>',
  '<title>',
  '</title>',
  '<?xml',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '\u2028',
  '\u0085',
  'xmlns:a="x"',
  '<a:b>',
  '<content type="xhtml">',
  '<div xmlns="http://www.w3.org/1999/xhtml">',
  '&lt;',
  '<![CDATA[<p>x</p>]]>',
  '{',
  '}',
  '[',
  ']',
  '"items":',
  '"title":',
  'null',
  '1e999',
  '---',
  ': ',
  '#',
  '{{ x }}',
  '{% raw %}',
];

// Feeds are mutated as bytes (read as latin1, one character per byte), the fragments as UTF-8.
const BYTE_FRAGMENTS = FRAGMENTS.map((fragment) => Buffer.from(fragment, 'utf8').toString('latin1'));

/** A seeded linear congruential generator: the same mutants on every machine. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 6);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(random() * (out.length + 1));
    const choice = random();
    if (choice < 0.3) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 20));
    else if (choice < 0.7)
      out = out.slice(0, at) + BYTE_FRAGMENTS[Math.floor(random() * BYTE_FRAGMENTS.length)] + out.slice(at);
    else if (choice < 0.8) out = out.slice(0, at);
    else {
      const from = Math.floor(random() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(random() * 200)) + out.slice(at);
    }
  }
  return out;
}

const SUBSCRIPTION = {
  name: 'mutant',
  source: 'https://feeds.example.org/mutant.xml',
  categories: ['News', 'Example: "site"', 'route/1'],
  limit: 50,
} as Subscription;

function inputs(): string[] {
  return readdirSync(CASES)
    .filter((name) => !/\.(expected|options)\.json$|\.md$|\.ts$/.test(name))
    .sort();
}

/** Every post of a mutant, both targets; what failed and how, or the posts checked. */
function check(name: string, bytes: Uint8Array): { failed?: string; posts: number } {
  let items: ReturnType<typeof toItems>;
  try {
    const decoded = decodeBytes(bytes, name.endsWith('.json') ? 'application/feed+json' : undefined);
    const parsed = parseFeed(decoded, { url: SUBSCRIPTION.source });
    items = toItems(parsed.feed, { now: new Date('2026-01-01T00:00:00Z'), limit: 50 }, []);
  } catch (error) {
    if (error instanceof FeedmillError && error.code.length > 0) return { failed: error.code, posts: 0 };
    throw error;
  }
  let posts = 0;
  for (const item of items) {
    for (const target of [HEXO_TARGET, HUGO_TARGET]) {
      const clean = cleanItem(item, { feedUrl: SUBSCRIPTION.source, markup: target.markup });
      const post = target.renderPost(clean, SUBSCRIPTION, {});
      const match = /^---\n([\s\S]*?)\n---\n/.exec(post);
      assert.ok(match, `${target.generator}: no front matter in\n${post.slice(0, 300)}`);
      const data = yaml.load(match[1]!) as Record<string, unknown>;
      assert.equal(data.title, themeSafeText(clean.title) || 'Untitled', `${target.generator} title`);
      assert.deepEqual(data.categories, SUBSCRIPTION.categories, `${target.generator} categories`);
      assert.equal(typeof data.date, 'string', `${target.generator} date`);
      posts++;
    }
  }
  return { posts };
}

test('mutated golden feeds fail with a FeedmillError or give posts whose front matter loads back', () => {
  const random = generator(20_261_207);
  let mutants = 0;
  let failed = 0;
  let posts = 0;
  for (const name of inputs()) {
    const original = readFileSync(join(CASES, name), 'latin1');
    for (let round = 0; round < MUTANTS_PER_FEED; round++) {
      const mutant = Buffer.from(mutate(original, random), 'latin1');
      mutants++;
      try {
        const result = check(name, mutant);
        if (result.failed) failed++;
        posts += result.posts;
      } catch (error) {
        assert.fail(`${name}, mutant ${round}: ${(error as Error).stack}`);
      }
    }
  }
  // The mutants must exercise both ways out, or the test would prove nothing.
  assert.ok(mutants > 1_000, `${mutants} mutants`);
  assert.ok(failed > 100, `only ${failed} mutants failed to parse`);
  assert.ok(posts > 1_000, `only ${posts} posts rendered`);
});
