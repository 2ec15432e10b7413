import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hugoSecondPass } from '../../../test/support/hugo-second-pass.ts';
import { CLEAN_OPTION_SETS, TRICKY_BODIES, tagSoup } from '../../../test/support/tricky-bodies.ts';
import { type CleanOptions, sanitizeHtml } from '../../clean/index.ts';
import { findImages, type ImageRewrite, rewriteImages } from '../../process/images/rewrite-images.ts';
import { HUGO_MARKUP } from './hugo-markup.ts';

// The clean stage writing Hugo's form (HUGO_MARKUP) must give, byte for byte, what the renderer's
// former second pass gave over the plain HTML (test/support/hugo-second-pass.ts).

const BASES = ['https://news.example.com/a/b/post.html'];

const before = (html: string, options: CleanOptions) =>
  hugoSecondPass(sanitizeHtml(html, { bases: BASES, ...options }).html);
const now = (html: string, options: CleanOptions) =>
  sanitizeHtml(html, { bases: BASES, ...options, markup: HUGO_MARKUP }).html;

function assertSame(html: string): void {
  for (const options of CLEAN_OPTION_SETS)
    assert.equal(
      now(html, options),
      before(html, options),
      `${JSON.stringify(html)} ${JSON.stringify(options)}`,
    );
}

test('Hugo bodies written by the clean stage equal the former second pass, on tricky bodies', () => {
  for (const html of TRICKY_BODIES) assertSame(html);
});

test('Hugo bodies written by the clean stage equal the former second pass, on random markup', () => {
  for (const html of tagSoup(1500)) assertSame(html);
});

test('image addresses rewritten after the clean stage come out as after the former second pass', () => {
  const proxy: ImageRewrite = {
    replace: (url) =>
      url.startsWith('http') ? `https://proxy.example/?u=${encodeURIComponent(url)}` : undefined,
    responsive: 'rewrite',
  };
  const local: ImageRewrite = {
    replace: (url) => (url.includes('a.jpg') ? '/images/feedmill/0a1b~2c.jpg' : undefined),
    responsive: 'drop',
  };
  const rewrite = (body: string, how: ImageRewrite) => rewriteImages(body, findImages(body), how);
  for (const html of TRICKY_BODIES)
    for (const how of [proxy, local]) {
      const plain = sanitizeHtml(html, { bases: BASES }).html;
      const hugo = sanitizeHtml(html, { bases: BASES, markup: HUGO_MARKUP }).html;
      assert.deepEqual(findImages(hugo), findImages(plain), html);
      assert.equal(rewrite(hugo, how), hugoSecondPass(rewrite(plain, how)), html);
    }
});
