// Helpers and the /categories/ page of the feedmill-news theme. Each helper does work for the
// page or post at hand only: nothing here walks all posts once per page.
/* global hexo */
const { createRequire } = require('node:module');

// htmlparser2 comes with Hexo (through hexo-util): resolved from there, not from the site root,
// so that it is found however npm laid out node_modules.
const fromHexo = createRequire(require.resolve('hexo'));
const { Parser } = createRequire(fromHexo.resolve('hexo-util'))('htmlparser2');

// Elements whose content a reader never sees as text.
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'svg', 'math']);
// Elements that end a line of text: a space keeps their words apart in the summary.
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);
// The body is read in slices of this size until the summary has its characters.
const SLICE = 1024;
// Summaries by post, for the build at hand: a post's card is on the home and on each of its
// category pages.
const summaries = new Map();
hexo.on('generateBefore', () => summaries.clear());

/**
 * The first `length` characters of a post's visible text (references decoded, whitespace
 * folded), for a card: plain text, which the template escapes.
 */
hexo.extend.helper.register('news_summary', (post, length) => {
  if (!length || typeof post.content !== 'string') return '';
  const key = `${post._id}:${length}`;
  const known = summaries.get(key);
  if (known !== undefined) return known;
  let text = '';
  let hidden = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (HIDDEN.has(name)) hidden++;
      },
      onclosetag(name) {
        if (HIDDEN.has(name) && hidden > 0) hidden--;
        else if (BLOCK.has(name)) text += ' ';
      },
      ontext(data) {
        if (hidden === 0) text += data;
      },
    },
    { decodeEntities: true },
  );
  const content = post.content;
  // Enough text when it holds `length` characters besides whitespace (a character may be two
  // UTF-16 units: the count below is in code points).
  for (let at = 0; at < content.length && text.replace(/\s+/g, '').length <= length; at += SLICE)
    parser.write(content.slice(at, at + SLICE));
  parser.end();
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  const summary =
    characters.length <= length ? characters.join('') : `${characters.slice(0, length).join('').trimEnd()}…`;
  summaries.set(key, summary);
  return summary;
});

/** A post's categories from the top down (Hexo keeps them as a tree of parent links). */
hexo.extend.helper.register('news_category_path', (post) => {
  const categories = post.categories ? post.categories.toArray() : [];
  const path = [];
  let parent;
  for (;;) {
    const next = categories.find((category) => category.parent === parent);
    if (!next) break;
    path.push(next);
    parent = next._id;
  }
  return path;
});

/** The biggest top-level categories, for the header (rendered once per build: fragment_cache). */
hexo.extend.helper.register('news_top_categories', function (count) {
  return this.site.categories
    .toArray()
    .filter((category) => category.parent == null)
    .map((category) => ({ category, posts: category.length }))
    .sort((a, b) => b.posts - a.posts || (a.category.name < b.category.name ? -1 : 1))
    .slice(0, count)
    .map(({ category }) => category);
});

// Hexo makes no page for the list of all categories; the header links it.
hexo.extend.generator.register('news_categories', () => ({
  path: 'categories/index.html',
  layout: ['categories'],
  data: { type: 'categories', title: hexo.theme.config.labels?.categories || 'Categories' },
}));
