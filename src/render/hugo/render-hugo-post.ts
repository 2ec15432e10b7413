import yaml from 'js-yaml';
import type { CleanItem, Subscription } from '../../model.ts';
import { oneLineText, themeSafeText } from '../one-line-text.ts';
import type { SiteOptions } from '../output-target.ts';
import { IDENTITY_KEY, postIdentity } from '../post-identity.ts';
import { formatRfc3339 } from './format-rfc3339.ts';
import { HUGO_MARKUP } from './hugo-markup.ts';

/**
 * Renders a cleaned item as a Hugo content file (HTML format): YAML front matter with `title`,
 * `date` (RFC 3339 with offset), `categories` (the taxonomy), `author`, the image as `images`
 * (what Hugo's own Open Graph and Twitter templates read) and `cover.image` (PaperMod and the
 * built-in news theme), `draft: false`, the optional keys (`link`, `tags`, `lastmod`) and last
 * the identity line, exactly as in Hexo posts; then the body, which the clean stage wrote with
 * every brace as a reference (HUGO_MARKUP).
 */
export function renderHugoPost(item: CleanItem, subscription: Subscription, site: SiteOptions): string {
  // A plain body would reach Hugo with raw braces: a feed's `{{< x >}}` would run a shortcode.
  if (item.markup !== HUGO_MARKUP.name)
    throw new Error(`a Hugo post needs a body cleaned with HUGO_MARKUP, not ${item.markup}`);
  const post = subscription.post;
  const image = item.headImage ?? post?.defaultImage;
  // The item's author (normalize gives it the feed's or the configured one when it has none).
  const author = item.authors[0] ?? subscription.author;
  const optional = new Set(post?.optionalKeys ?? []);
  const data: Record<string, unknown> = {
    title: themeSafeText(item.title) || 'Untitled',
    date: formatRfc3339(item.published, site.timezone),
    categories: subscription.categories.map((category) => oneLineText(category)),
  };
  if (author) data.author = themeSafeText(author);
  if (image) {
    data.images = [image];
    data.cover = { image };
  }
  data.draft = false;
  if (optional.has('link') && item.url) data.link = item.url;
  if (optional.has('tags')) {
    const tags = [...new Set(item.tags.map((tag) => themeSafeText(tag)).filter(Boolean))];
    if (tags.length > 0) data.tags = tags;
  }
  if (optional.has('updated') && item.updated) data.lastmod = formatRfc3339(item.updated, site.timezone);
  data[IDENTITY_KEY] = postIdentity(subscription.source, item.key);
  // Every string quoted, as for Hexo: no YAML 1.1 reader (Hugo's included) retypes feed text.
  const frontMatter = yaml.dump(data, { lineWidth: -1, noRefs: true, quotingType: "'", forceQuotes: true });
  return `---\n${frontMatter}---\n<div class="feedmill-post">${item.body}</div>\n`;
}
