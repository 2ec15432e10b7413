import type { CleanItem, PostOptions, Subscription } from '../../model.ts';
import { oneLineText, themeSafeText } from '../one-line-text.ts';
import type { SiteOptions } from '../output-target.ts';
import { IDENTITY_KEY, postIdentity } from '../post-identity.ts';
import { dumpFrontMatter, type FrontMatter, formatPostDate } from './front-matter.ts';
import { HEXO_MARKUP } from './hexo-markup.ts';
import { DEFAULT_IMAGE_KEYS } from './image-keys.ts';
import { markdownBody } from './markdown-body.ts';

/**
 * Renders a cleaned item as the text of a Hexo post: front matter in the seed's key order
 * (title, categories, first image key, author, comments, date, other image keys), then
 * `disableNunjucks`, the optional keys and last the post's identity (`feedmill: '<feed>/<item>'`,
 * which lets a lost state database be rebuilt from the posts); the body as one HTML block (or Markdown).
 */
export function renderPost(item: CleanItem, subscription: Subscription, site: SiteOptions): string {
  const post = subscription.post;
  const imageKeys = post?.imageKeys ?? DEFAULT_IMAGE_KEYS;
  const image = item.headImage ?? post?.defaultImage;
  // The item's author (normalize gives it the feed's or the configured one when it has none).
  const author = item.authors[0] ?? subscription.author;
  const optional = new Set(post?.optionalKeys ?? []);
  const entries: Array<readonly [string, string | string[] | boolean]> = [
    ['title', themeSafeText(item.title) || 'Untitled'],
    ['categories', subscription.categories.map((category) => oneLineText(category))],
  ];
  if (image && imageKeys[0]) entries.push([imageKeys[0], image]);
  if (author) entries.push(['author', themeSafeText(author)]);
  entries.push(['comments', false], ['date', formatPostDate(item.published, site.timezone)]);
  if (image) for (const key of imageKeys.slice(1)) entries.push([key, image]);
  entries.push(['disableNunjucks', true]);
  if (optional.has('link') && item.url) entries.push(['link', item.url]);
  if (optional.has('tags')) {
    const tags = [...new Set(item.tags.map((tag) => themeSafeText(tag)).filter(Boolean))];
    if (tags.length > 0) entries.push(['tags', tags]);
  }
  if (optional.has('updated') && item.updated)
    entries.push(['updated', formatPostDate(item.updated, site.timezone)]);
  entries.push([IDENTITY_KEY, postIdentity(subscription.source, item.key)]);
  const frontMatter: FrontMatter = entries;
  // The clean stage wrote the body escaped for Hexo (Nunjucks braces, one Markdown block): a plain
  // one would reach Hexo's renderers raw.
  if (item.markup !== HEXO_MARKUP.name)
    throw new Error(`a Hexo post needs a body cleaned with HEXO_MARKUP, not ${item.markup}`);
  const html = item.body;
  const body = post?.body === 'markdown' ? markdownBody(html) : `<div class="feedmill-post">${html}</div>`;
  return `---\n${dumpFrontMatter(frontMatter)}---\n${body}\n`;
}

/** The post options used when a subscription sets none: the seed's behaviour. */
export const DEFAULT_POST_OPTIONS: PostOptions = {
  iframeHosts: [],
  remove: [],
  keepStyle: false,
  keepComments: false,
  imageKeys: [...DEFAULT_IMAGE_KEYS],
  optionalKeys: [],
  body: 'html',
};
