import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hexoSecondPass } from '../../../test/support/hexo-second-pass.ts';
import { CLEAN_OPTION_SETS, TRICKY_BODIES, tagSoup } from '../../../test/support/tricky-bodies.ts';
import { type CleanOptions, sanitizeHtml } from '../../clean/index.ts';
import { findImages, type ImageRewrite, rewriteImages } from '../../process/images/rewrite-images.ts';
import { HEXO_MARKUP } from './hexo-markup.ts';

// The clean stage writing Hexo's form (HEXO_MARKUP) must give, byte for byte, what the renderer's
// former second pass gave over the plain HTML (test/support/hexo-second-pass.ts).

const BASES = ['https://news.example.com/a/b/post.html'];

const before = (html: string, options: CleanOptions) =>
  hexoSecondPass(sanitizeHtml(html, { bases: BASES, ...options }).html);
const now = (html: string, options: CleanOptions) =>
  sanitizeHtml(html, { bases: BASES, ...options, markup: HEXO_MARKUP }).html;

function assertSame(html: string): void {
  for (const options of CLEAN_OPTION_SETS)
    assert.equal(
      now(html, options),
      before(html, options),
      `${JSON.stringify(html)} ${JSON.stringify(options)}`,
    );
}

test('Hexo bodies written by the clean stage equal the former second pass, on tricky bodies', () => {
  for (const html of TRICKY_BODIES) assertSame(html);
});

test('Hexo bodies written by the clean stage equal the former second pass, on random markup', () => {
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
      const hexo = sanitizeHtml(html, { bases: BASES, markup: HEXO_MARKUP }).html;
      assert.deepEqual(findImages(hexo), findImages(plain), html);
      assert.equal(rewrite(hexo, how), hexoSecondPass(rewrite(plain, how)), html);
    }
});
