import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { absolutizeUrls } from './absolutize-urls.ts';
import type { ArticleDocument } from './extract-article.ts';

const PAGE = 'https://site.example/news/2024/item';

/** The body of `html` after its URLs were made absolute against PAGE. */
function absolutized(html: string): string {
  const { document } = parseHTML(`<!doctype html><html>${html}</html>`);
  absolutizeUrls(document as unknown as ArticleDocument, PAGE);
  return document.body.innerHTML;
}

test("lazy loaders' attributes are made absolute too: clean promotes them against the item link", () => {
  const out = absolutized(
    '<body><img src="data:image/gif;base64,R0lGOD" data-lazy-src="a.jpg" data-lazy-srcset="b.jpg 1x, c.jpg 2x">' +
      '<img src="blank.gif" data-actualsrc="/d.jpg" data-lazyload="e.jpg" data-srcset="f.jpg 640w"></body>',
  );
  assert.equal(
    out,
    '<img src="data:image/gif;base64,R0lGOD" data-lazy-src="https://site.example/news/2024/a.jpg" ' +
      'data-lazy-srcset="https://site.example/news/2024/b.jpg 1x, https://site.example/news/2024/c.jpg 2x">' +
      '<img src="https://site.example/news/2024/blank.gif" data-actualsrc="https://site.example/d.jpg" ' +
      'data-lazyload="https://site.example/news/2024/e.jpg" data-srcset="https://site.example/news/2024/f.jpg 640w">',
  );
});

test('srcset candidates split at every comma after a URL, with or without a space', () => {
  const out = absolutized('<body><img srcset="a.jpg 1x,b.jpg 2x, w_100,h_50/c.jpg 100w"></body>');
  assert.equal(
    out,
    '<img srcset="https://site.example/news/2024/a.jpg 1x, https://site.example/news/2024/b.jpg 2x, ' +
      'https://site.example/news/2024/w_100,h_50/c.jpg 100w">',
  );
});

test('a <base> that is no http(s) URL is ignored, as browsers refuse javascript: and data: bases', () => {
  for (const base of ['javascript:alert(1)//', 'data:text/html,x', 'mailto:a@b.example']) {
    const out = absolutized(
      `<head><base href="${base}"></head><body><a href="rel">r</a><a href="#top">t</a><img src="i.png"></body>`,
    );
    assert.equal(
      out,
      '<a href="https://site.example/news/2024/rel">r</a><a href="#top">t</a>' +
        '<img src="https://site.example/news/2024/i.png">',
      base,
    );
  }
});
