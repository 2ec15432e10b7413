import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractArticle } from './extract-article.ts';

const TEXT = 'A paragraph of the article, long enough for Readability to take it as content. '.repeat(8);

test('Readability output has no page wrapper and absolute URLs against the <base>', () => {
  const html = `<html><head><base href="/static/"></head><body><nav><a href="/">Home</a></nav>
    <article><p>${TEXT}<a href="doc.html">doc</a> <a href="#note">note</a></p>
    <p>${TEXT}<img src="a.png" srcset="a-2x.png 2x, /b.png 300w"></p></article></body></html>`;
  const out = extractArticle(html, 'https://site.example/news/item?id=1', { remove: [] });
  assert.equal(out.kind, 'extracted');
  if (out.kind !== 'extracted') return;
  assert.doesNotMatch(out.html, /readability-page|class="page"/);
  assert.match(out.html, /href="https:\/\/site\.example\/static\/doc\.html"/);
  // As browsers resolve it: a <base> sends even a fragment-only link there.
  assert.match(out.html, /href="https:\/\/site\.example\/static\/#note"/);
  assert.match(out.html, /src="https:\/\/site\.example\/static\/a\.png"/);
  assert.match(
    out.html,
    /srcset="https:\/\/site\.example\/static\/a-2x\.png 2x, https:\/\/site\.example\/b\.png 300w"/,
  );
  assert.doesNotMatch(out.html, /Home/);
  assert.equal(out.text, `${TEXT.trim()} doc note ${TEXT.trim()}`.replace(/\s+/g, ' '));
});

test('a selector takes every match in order, after the removals; in-page links stay', () => {
  const html = `<body><div class="part">one <span class="ad">buy</span></div><p>skip</p><div class="part"><a href="#n1">two</a></div></body>`;
  const out = extractArticle(html, 'https://site.example/', { selector: '.part', remove: ['.ad'] });
  assert.deepEqual(out, {
    kind: 'extracted',
    html: '<div class="part">one </div><div class="part"><a href="#n1">two</a></div>',
    text: 'one two',
  });
});

test('nothing with text is not an article', () => {
  const empty = '<html><body><div class="part"> <img src="x.png"> </div></body></html>';
  assert.equal(
    extractArticle(empty, 'https://site.example/', { selector: '.part', remove: [] }).kind,
    'not-found',
  );
  assert.equal(
    extractArticle(empty, 'https://site.example/', { selector: '.none', remove: [] }).kind,
    'not-found',
  );
  assert.equal(
    extractArticle('<html><body></body></html>', 'https://site.example/', { remove: [] }).kind,
    'not-found',
  );
});

test('a page nested deeper than browsers build is no article, and costs no Readability time', () => {
  // Readability's time grows with the square of the depth (8,000 levels: seconds; 100,000,
  // a 1 MB page: minutes of a blocked run); browsers stop nesting at 512 levels anyway.
  const nested = (depth: number) =>
    `<html><body>${'<div>'.repeat(depth)}<p>${TEXT}</p><p>${TEXT}</p>${'</div>'.repeat(depth)}</body></html>`;
  const started = performance.now();
  const deep = extractArticle(nested(20_000), 'https://site.example/', { remove: [] });
  assert.deepEqual(deep, { kind: 'not-found', reason: 'the page nests elements deeper than 512 levels' });
  assert.equal(
    extractArticle(nested(20_000), 'https://site.example/', { selector: 'p', remove: [] }).kind,
    'not-found',
  );
  assert.ok(performance.now() - started < 5_000, 'refused before Readability reads it');
  // Deep but within what a browser builds: still read.
  assert.equal(extractArticle(nested(400), 'https://site.example/', { remove: [] }).kind, 'extracted');
});
