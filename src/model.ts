/**
 * Types shared across stages. Each stage has its own richer internal types; these are the
 * contracts between them.
 */

/** A feed to fetch, resolved from feedmill.yml (or OPML, or an RSSHub route). */
export interface Subscription {
  /** Display name used in reports and errors: the configured name, else the URL. */
  name: string;
  /** What the user wrote: `rsshub:/route`, `https://…` or a file path. */
  source: string;
  /** Where to fetch from, in order: several for RSSHub routes (one per instance), one otherwise. */
  locations: FeedLocation[];
  /**
   * The environment variables `source` names (`${NAME}`) with their values: secrets, already
   * in `locations`, kept to fill in a stored redirect target that names them too.
   */
  urlEnv?: ReadonlyMap<string, string>;
  /** Category path; the post lands in `<posts folder>/<categories…>/`. Empty until known. */
  categories: string[];
  /**
   * Set when an RSSHub route cannot be resolved yet because no catalogue could be loaded: its
   * categories (`CATEGORIES_UNRESOLVED`) or, for a pattern, its path. The feed then waits
   * (reported failing, not fetched) instead of being written under a guess. Also set when the
   * URL names an environment variable that is not set (`URL_ENV_UNSET`).
   */
  waiting?: {
    code: 'CATEGORIES_UNRESOLVED' | 'RSSHUB_CATALOGUE_UNAVAILABLE' | 'URL_ENV_UNSET';
    message: string;
  };
  /** Author written into posts; defaults to the second category (the site). */
  author?: string;
  /** Newest N items taken per run. */
  limit: number;
  /** IANA zone for dates written without an offset. */
  timezone: string;
  /** How the feed's posts are cleaned and written; defaults apply when absent. */
  post?: PostOptions;
  /** Which items are written (`filter:`, the top-level block and the feed's own); absent: all. */
  filter?: FilterRules;
  /** How the feed's images are shown (`images:`); absent: hotlinked as the feed gives them. */
  images?: ImagePolicy;
  /** Whether and how items get their full article (`full_text:`); absent: the feed's content. */
  fullText?: FullTextOptions;
}

/**
 * `page`: each item's link is fetched once and its article extracted (a CSS selector, else a
 * built-in site rule, else Readability); `rsshub`: the RSSHub instance sends it (mode=fulltext).
 */
export type FullTextOptions = { kind: 'page'; selector?: string; remove: string[] } | { kind: 'rsshub' };

// ── Filter rules (see docs/filters.md) ──

/** A field of an item that filter rules look at; `content` is the body as plain text. */
export type FilterField = 'title' | 'content' | 'author' | 'category' | 'link';

/** One include or exclude rule: a keyword (a substring) or a regular expression, on some fields. */
export interface FilterRule {
  kind: 'keyword' | 'regex';
  pattern: string;
  fields: FilterField[];
  caseSensitive: boolean;
  /** Where the rule is written in feedmill.yml (`feeds[3].filter.exclude[0]`), for messages. */
  path: string;
}

/** One `filter:` block: an item passes when an include rule matches (if there are any) and no exclude rule does. */
export interface FilterBlock {
  include: FilterRule[];
  exclude: FilterRule[];
}

/** A feed's filter: an item is kept when it passes every block (the top-level one, then the feed's). */
export interface FilterRules {
  blocks: FilterBlock[];
  /** Items without a post published longer ago than this are not written. */
  maxAgeDays?: number;
  /** At most this many items kept per run, in feed order (newest first), after the rules. */
  limit?: number;
}

// ── Post cleaning and rendering options ──

/**
 * `hotlink`: images stay on their hosts; `proxy`: their URLs go through a proxy URL template;
 * `local`: each is downloaded once into the site (capped in bytes and per item) and the post
 * refers to the copy. See docs/images.md.
 */
export type ImagePolicy =
  | { mode: 'hotlink' }
  | { mode: 'proxy'; template: string }
  | { mode: 'local'; maxBytes: number; maxPerItem: number };

/** Optional front matter keys feedmill can add after the seed's. */
export type OptionalPostKey = 'link' | 'tags' | 'updated';

/** How one feed's items are cleaned and rendered, resolved from the feed's and the top-level config. */
export interface PostOptions {
  /** Hosts whose iframes are kept (subdomains included); none by default. */
  iframeHosts: string[];
  /** CSS selectors of elements removed from bodies (top-level rules, then the feed's). */
  remove: string[];
  keepStyle: boolean;
  keepComments: boolean;
  /** Front matter keys that receive the post image, in order (the preset's or a custom list). */
  imageKeys: string[];
  /** Image used when an item has none; without it the image keys are left out. */
  defaultImage?: string;
  optionalKeys: OptionalPostKey[];
  /** `html` (default): one sanitized HTML block; `markdown`: converted for editing. */
  body: 'html' | 'markdown';
  /** Players, galleries and embeds for the item's media in the body; on unless `false`. */
  media?: boolean;
}

/** One place a feed can be read from. */
export type FeedLocation =
  // rsshub catalogue: `instance` names the RSSHub instance (key redacted) for the run report.
  { kind: 'http'; url: string; instance?: string } | { kind: 'file'; path: string };

/** A JSON Feed 1.1 author. */
export interface JsonFeedAuthor {
  name?: string;
  url?: string;
  avatar?: string;
}

/** A JSON Feed 1.1 attachment. */
export interface JsonFeedAttachment {
  url: string;
  mime_type: string;
  title?: string;
  size_in_bytes?: number;
  duration_in_seconds?: number;
}

/** A JSON Feed 1.1 item, as feedmill's parser produces it. */
export interface JsonFeedItem {
  id: string;
  url?: string;
  external_url?: string;
  title?: string;
  content_html?: string;
  content_text?: string;
  summary?: string;
  image?: string;
  banner_image?: string;
  date_published?: string;
  date_modified?: string;
  authors?: JsonFeedAuthor[];
  tags?: string[];
  language?: string;
  attachments?: JsonFeedAttachment[];
  // --- parse: a JSON Feed 1.1 extension (keys starting with "_", spec §Extensions) ---
  /** Facts JSON Feed has no field for: the comment count (slash:comments) and comments page. */
  _feedmill?: {
    comments?: number;
    comments_url?: string;
    /** Every image the item names (item image, media:thumbnail, image media:content), sizes when given. */
    images?: JsonFeedImage[];
    /** media:player: a page that plays the item's media (an embed or watch page). */
    player?: string;
  };
}

/** An image an RSS or Atom item names, in the feedmill extension of a JSON Feed item. */
export interface JsonFeedImage {
  url: string;
  /** Where it came from: the item's own image (itunes:image, `<image>`), media:thumbnail or media:content. */
  role: 'item' | 'thumbnail' | 'content';
  width?: number;
  height?: number;
}

/** A JSON Feed 1.1 document: the parse stage's output and `feedmill parse`'s. */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url?: string;
  feed_url?: string;
  description?: string;
  icon?: string;
  favicon?: string;
  authors?: JsonFeedAuthor[];
  language?: string;
  expired?: boolean;
  items: JsonFeedItem[];
}

/** The canonical item every later stage works on. */
export interface Item {
  /** Identity of the item inside its feed (guid/id, else link, else a content hash). */
  key: string;
  url?: string;
  /** Plain text, never empty (falls back to a placeholder made from the date). */
  title: string;
  /** The item's HTML as the feed gave it (best of content, summary). */
  html: string;
  published: Date;
  /** False when the feed gave no usable date and `published` is the time it was first seen. */
  publishedKnown: boolean;
  updated?: Date;
  authors: string[];
  tags: string[];
  /** The cover the feed gives the item, chosen in the documented order (see docs/media.md). */
  image?: string;
  /** Audio, video and image files the item carries (enclosures, attachments, media:content). */
  media?: MediaFile[];
  /** A page that plays the item's media (media:player), for embedding. */
  player?: string;
}

/** A media file of an item, its kind known from its type or, failing that, its extension. */
export interface MediaFile {
  url: string;
  kind: 'audio' | 'video' | 'image' | 'other';
  /** The MIME type given or sniffed (`application/octet-stream` when unknown). */
  type: string;
  title?: string;
  sizeInBytes?: number;
  durationInSeconds?: number;
  width?: number;
  height?: number;
}

/** An item after HTML cleaning. */
export interface CleanItem extends Item {
  /**
   * The sanitized body as HTML text: allowlisted markup, absolute URLs, images marked, written
   * in the form {@link markup} names.
   */
  body: string;
  /**
   * The form the body is written in (a clean `BodyMarkup`'s name): `html` for plain HTML, else
   * the output target's, escaped for it by the clean stage (Hexo's Nunjucks braces, one
   * Markdown block), which is what its renderer takes.
   */
  markup: string;
  /** The post image: the first meaningful image, else the feed's image. */
  headImage?: string;
}
