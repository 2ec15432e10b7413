import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import type { Diagnostic } from '../errors.ts';
import { EntityExpander } from './entity-expander.ts';
import { parseFeed } from './parse-feed.ts';
import { readDoctype } from './read-doctype.ts';

function expander(subset: string, budget = 1 << 20): { expander: EntityExpander; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const doctype = readDoctype(`<!DOCTYPE rss [${subset}]><rss/>`)!;
  return { expander: new EntityExpander(doctype, budget, diagnostics), diagnostics };
}

test('expands declared entities once, leaving undeclared ones to the HTML decoder', () => {
  const { expander: entities } = expander('<!ENTITY a "&amp;lt; &b;"><!ENTITY b "B">');
  // §4.5: &amp;lt; in the value becomes "&lt;" text after expansion, not a second "<".
  assert.equal(entities.decodeText('&a; &eacute; &unknown; &#65;'), '&lt; B é &unknown; A');
  assert.equal(entities.decodeAttribute('x=&a;&amp;y'), 'x=&lt; B&y');
  assert.equal(entities.hasUndeclared('&a; &amp; &#1;'), false);
  assert.equal(entities.hasUndeclared('&a; &eacute;'), true);
  assert.equal(entities.hasUndeclared('a & b'), true);
});

test('a quadratic blowup stops at the budget (time and memory: bench/parse --hostile)', () => {
  const { expander: entities, diagnostics } = expander(`<!ENTITY big "${'x'.repeat(100_000)}">`, 1_000_000);
  const out = entities.decodeText('&big;'.repeat(100_000));
  assert.equal(out.length, 10 * 100_000 + (100_000 - 10) * 5);
  assert.deepEqual(
    diagnostics.map((diagnostic) => diagnostic.code),
    ['entity-limit'],
  );
});

test('billion laughs, self-reference and nesting deeper than 8 are left as written', () => {
  const laughs = Array.from(
    { length: 9 },
    (_, level) => `<!ENTITY l${level + 1} "${`&l${level};`.repeat(10)}">`,
  ).join('');
  const { expander: entities, diagnostics } = expander(
    `<!ENTITY l0 "lol">${laughs}<!ENTITY self "&self;"><!ENTITY d0 "deep">${Array.from(
      { length: 9 },
      (_, level) => `<!ENTITY d${level + 1} "&d${level};">`,
    ).join('')}`,
  );
  assert.equal(
    entities.decodeText('&l9;|&self;|&d9;|&d7;|&l2;'),
    `&l9;|&self;|&d9;|deep|${'lol'.repeat(100)}`,
  );
  assert.deepEqual(
    diagnostics.map((diagnostic) => diagnostic.code),
    ['entity-limit'],
  );
});

test('external entities are never fetched', async () => {
  let requests = 0;
  const server = createServer((_request, response) => {
    requests++;
    response.end('<!ENTITY leaked "secret">');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    const result = parseFeed(
      `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:${port}/rss.dtd" [
        <!ENTITY xxe SYSTEM "http://127.0.0.1:${port}/xxe">
        <!ENTITY % remote SYSTEM "http://127.0.0.1:${port}/remote.dtd"> %remote;
      ]><rss version="2.0"><channel><title>&xxe;&leaked;</title><link>https://example.com/</link></channel></rss>`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(requests, 0);
    assert.equal(result.feed.title, '&xxe;&leaked;');
    assert.ok(result.diagnostics.some((diagnostic) => diagnostic.code === 'external-entity'));
  } finally {
    server.close();
  }
});
