import type { CleanItem, Subscription } from '../../model.ts';
import { dumpFrontMatter, type FrontMatter, formatPostDate } from './front-matter.ts';
import { serializeBody } from './serialize-body.ts';

/** Site facts that change how posts are written. */
export interface SiteOptions {
  /** The Hexo site's `timezone`, if its _config.yml sets one. */
  timezone?: string;
}

/** Renders a cleaned item as the text of a Hexo post (front matter + one HTML block). */
export function renderPost(item: CleanItem, subscription: Subscription, site: SiteOptions): string {
  const frontMatter: FrontMatter = {
    title: item.title,
    categories: [...subscription.categories],
    headimg: item.headImage,
    author: subscription.author ?? item.authors[0],
    comments: false,
    date: formatPostDate(item.published, site.timezone),
    thumbnail: item.headImage,
    disableNunjucks: true,
  };
  return `---\n${dumpFrontMatter(frontMatter)}---\n<div class="feedmill-post">${serializeBody(item.body)}</div>\n`;
}
