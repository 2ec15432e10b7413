import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type BodyMarkup, type CleanOptions, sanitizeHtml } from '../../src/clean/index.ts';
import { findImages, type ImageRewrite, rewriteImages } from '../../src/process/images/rewrite-images.ts';
import { CLEAN_OPTION_SETS, TRICKY_BODIES, tagSoup } from './tricky-bodies.ts';

const BASES = ['https://news.example.com/a/b/post.html'];

/**
 * Registers the tests that hold an output target's markup writer to the renderer's former
 * second pass: the clean stage writing `markup` must give, byte for byte, what `secondPass`
 * gave over the plain HTML, on tricky bodies, on random markup, and after image addresses are
 * rewritten (which happens after the clean stage).
 */
export function testMarkupEquivalence(
  target: string,
  markup: BodyMarkup,
  secondPass: (html: string) => string,
): void {
  const before = (html: string, options: CleanOptions) =>
    secondPass(sanitizeHtml(html, { bases: BASES, ...options }).html);
  const now = (html: string, options: CleanOptions) =>
    sanitizeHtml(html, { bases: BASES, ...options, markup }).html;

  function assertSame(html: string): void {
    for (const options of CLEAN_OPTION_SETS)
      assert.equal(
        now(html, options),
        before(html, options),
        `${JSON.stringify(html)} ${JSON.stringify(options)}`,
      );
  }

  test(`${target} bodies written by the clean stage equal the former second pass, on tricky bodies`, () => {
    for (const html of TRICKY_BODIES) assertSame(html);
  });

  test(`${target} bodies written by the clean stage equal the former second pass, on random markup`, () => {
    for (const html of tagSoup(1500)) assertSame(html);
  });

  test(`${target}: image addresses rewritten after the clean stage come out as after the former second pass`, () => {
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
        const written = sanitizeHtml(html, { bases: BASES, markup }).html;
        assert.deepEqual(findImages(written), findImages(plain), html);
        assert.equal(rewrite(written, how), secondPass(rewrite(plain, how)), html);
      }
  });
}
