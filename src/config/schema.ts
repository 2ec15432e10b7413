import { compile } from 'css-select';
import { z } from 'zod';
import { checkProxyTemplate } from '../process/images/index.ts';
import { IMAGE_KEY_PRESETS, RESERVED_KEYS } from '../render/hexo/index.ts';
import { re2Unsupported } from './re2-syntax.ts';

/** An IANA time zone name, checked against the runtime's zone database. */
const timeZone = z
  .string()
  .refine(isTimeZone, { message: 'is not an IANA time zone name (e.g. Asia/Shanghai)' });

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// --- watch: how often `feedmill watch` checks a feed, top level or per feed.
const watchFields = {
  interval_minutes: z
    .number()
    .positive()
    .max(7 * 24 * 60, 'at most a week (10080)')
    .optional(),
};
// --- end watch

// ── Post cleaning and rendering: allowed per feed and at the top level ──

const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?:[a-z0-9-]+\.)+[a-z0-9-]+$/, 'must be a host name such as www.youtube.com');

const cssSelector = z.string().trim().min(1).refine(isSelector, { message: 'is not a valid CSS selector' });

function isSelector(selector: string): boolean {
  try {
    compile(selector);
    return true;
  } catch {
    return false;
  }
}

const frontMatterKey = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'must be a plain front matter key')
  .refine((key) => !RESERVED_KEYS.has(key), { message: 'is a key feedmill writes itself' });

/** Options shared by a feed and the top level; a feed's value wins, `remove` lists add up. */
export const postOptionsShape = {
  sanitize: z
    .object({ iframe_hosts: z.array(hostName).default([]) })
    .strict()
    .optional(),
  remove: z.array(cssSelector).optional(),
  keep_style: z.boolean().optional(),
  keep_comments: z.boolean().optional(),
  /** A theme preset name (volantis, icarus, butterfly, fluid, redefine, stellar, matery, landscape, next) or keys. */
  image_keys: z
    .union([
      z.string().refine((name) => name in IMAGE_KEY_PRESETS, {
        message: `must be one of ${Object.keys(IMAGE_KEY_PRESETS).join(', ')} or a list of keys`,
      }),
      z.array(frontMatterKey).max(8),
    ])
    .optional(),
  default_image: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  optional_keys: z.array(z.enum(['link', 'tags', 'updated'])).optional(),
  body: z.enum(['html', 'markdown']).optional(),
  /** Players, embeds and galleries for items' media (docs/media.md); `false` turns them off. */
  media: z.boolean().optional(),
};

// ── end of post cleaning and rendering ──

/**
 * `full_text:` per feed and at the top level (a feed's value wins): `true` extracts each item's
 * article page (a built-in site rule, else Readability), `{ selector, remove }` with a site rule,
 * `rsshub` asks the RSSHub instance for `mode=fulltext`, `false` turns a top-level value off.
 */
export const fullTextSchema = z.union([
  z.boolean(),
  z.literal('rsshub'),
  z.object({ selector: cssSelector.optional(), remove: z.array(cssSelector).optional() }).strict(),
]);

// ── images: per feed and at the top level (see docs/images.md) ──

const proxyTemplate = z.string().superRefine((template, context) => {
  const problem = checkProxyTemplate(template);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});

const imagesFields = {
  mode: z.enum(['hotlink', 'proxy', 'local']).optional(),
  proxy: proxyTemplate.optional(),
  max_bytes: z
    .number()
    .int()
    .positive()
    .max(1024 * 1024 * 1024)
    .optional(),
  max_per_item: z.number().int().positive().max(10_000).optional(),
};

const imageModeWord = z.enum(['hotlink', 'local']);
const imagesBlock = z.object(imagesFields).strict();
// A block naming a template without a mode is proxy mode; proxy mode needs the template in its block.
const hasTemplate = (images: { mode?: string; proxy?: string }) =>
  images.mode !== 'proxy' || images.proxy !== undefined;
const templateNeeded = {
  message: 'proxy mode needs a URL template, e.g. proxy: https://proxy.example/?url={url}',
  path: ['proxy'],
};

/** A feed's `images:`: `hotlink`, `local`, or a block (see docs/images.md). */
export const feedImagesSchema = z.union([imageModeWord, imagesBlock.refine(hasTemplate, templateNeeded)]);
/** The top-level `images:`; its block may also cap the downloads of a whole run. */
export const imagesSchema = z.union([
  imageModeWord,
  imagesBlock
    .extend({ max_per_run: z.number().int().positive().max(1_000_000).optional() })
    .strict()
    .refine(hasTemplate, templateNeeded),
]);

// ── end of images ──

// ── filter: per feed and at the top level (see docs/filters.md) ──

const FILTER_FIELDS = ['title', 'content', 'author', 'category', 'link'] as const;
// A refinement rather than an enum: inside a rule, a union of text and object forms then names the bad field.
const filterField = z
  .string()
  .refine((value) => (FILTER_FIELDS as readonly string[]).includes(value), {
    message: `must be one of ${FILTER_FIELDS.join(', ')}`,
  })
  .transform((value) => value as (typeof FILTER_FIELDS)[number]);

/** Why a regular expression does not compile as the filter compiles it (no flags but `i`), if it does not. */
function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
}

/** `/…/` in a rule list is a regular expression; any other text is a keyword. */
const filterRuleText = z
  .string()
  .min(1, 'must not be empty')
  .superRefine((text, context) => {
    const problem =
      text.length > 2 && text.startsWith('/') && text.endsWith('/') && regexProblem(text.slice(1, -1));
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

const filterRuleObject = z
  .object({
    keyword: z.string().min(1, 'must not be empty').optional(),
    regex: z
      .string()
      .min(1, 'must not be empty')
      .superRefine((source, context) => {
        const problem = regexProblem(source);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    fields: z.array(filterField).min(1).optional(),
  })
  .strict()
  .refine((rule) => (rule.keyword === undefined) !== (rule.regex === undefined), {
    message: 'give either keyword or regex',
  });

/** A `filter:` block (top level, per feed): include/exclude rules, max_age_days, limit. */
export const filterSchema = z
  .object({
    include: z.array(z.union([filterRuleText, filterRuleObject])).optional(),
    exclude: z.array(z.union([filterRuleText, filterRuleObject])).optional(),
    /** Fields the block's rules look at unless a rule names its own; default title and content. */
    fields: z.array(filterField).min(1).optional(),
    case_sensitive: z.boolean().optional(),
    max_age_days: z.number().positive().optional(),
    limit: z.number().int().positive().max(10_000).optional(),
  })
  .strict();

// ── end of filter ──

const categoryName = z.string().trim().min(1, 'must not be empty');

// --- retention and HTTP knobs (read by the fetch and store layers) ---
/** `keep:` retention, top level and per feed; an absent field keeps everything. */
export const keepSchema = z
  .object({
    max_items_per_feed: z.number().int().positive().optional(),
    max_age_days: z.number().positive().optional(),
  })
  .strict();

/** `http:` client limits; every field has a default. */
export const httpSchema = z
  .object({
    timeout_seconds: z.number().positive().max(600).default(20),
    connect_timeout_seconds: z.number().positive().max(600).default(10),
    max_bytes: z
      .number()
      .int()
      .positive()
      .default(15 * 1024 * 1024),
    concurrency: z.number().int().positive().max(256).default(8),
    per_host: z.number().int().positive().max(64).default(2),
    refuse_private: z.boolean().default(false),
  })
  .strict();
// --- end retention and HTTP ---

// rsshub catalogue: an RSSHub route may be given as `rsshub: /route` instead of `url: rsshub:/route`.
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
function expandRsshubShorthand(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { rsshub, ...rest } = value as Record<string, unknown>;
  // `rsshub: { route: /x, limit: 5 }` is the shorthand with query parameters.
  if (rsshub && typeof rsshub === 'object' && !Array.isArray(rsshub) && !('url' in rest)) {
    const { route, ...query } = rsshub as Record<string, unknown>;
    if (typeof route === 'string') return { ...rest, url: `rsshub:${route.trim()}`, rsshub: query };
  }
  if (typeof rsshub !== 'string' || 'url' in rest) return value;
  return { ...rest, url: `rsshub:${rsshub.trim()}` };
}

/**
 * A regular expression as RSSHub's filters take it (checked here so a typo fails at load): valid,
 * and within what RSSHub's default engine, RE2, can run (a route with a filter it cannot compile
 * fails on the instance).
 */
const filterPattern = z
  .string()
  .min(1, 'must not be empty')
  .superRefine((text, context) => {
    try {
      new RegExp(text);
    } catch {
      context.addIssue({ code: 'custom', message: 'is not a valid regular expression' });
      return;
    }
    const unsupported = re2Unsupported(text);
    if (unsupported !== undefined) {
      context.addIssue({
        code: 'custom',
        message: `uses ${unsupported}, which RSSHub's regular expressions (RE2) do not support; the route would fail on the instance`,
      });
    }
  });

/** RSSHub's common query parameters for one route (docs.rsshub.app, Parameters), sent to every instance. */
export const rsshubQuerySchema = z
  .object({
    filter: filterPattern.optional(),
    filter_title: filterPattern.optional(),
    filter_description: filterPattern.optional(),
    filter_author: filterPattern.optional(),
    filter_category: filterPattern.optional(),
    /** Seconds: only items published within this window. */
    filter_time: z.number().int().positive().optional(),
    filterout: filterPattern.optional(),
    filterout_title: filterPattern.optional(),
    filterout_description: filterPattern.optional(),
    filterout_author: filterPattern.optional(),
    filterout_category: filterPattern.optional(),
    filter_case_sensitive: z.boolean().optional(),
    limit: z.number().int().positive().optional(),
    sorted: z.boolean().optional(),
    mode: z.enum(['fulltext']).optional(),
    opencc: z
      .enum([
        's2t',
        't2s',
        's2tw',
        'tw2s',
        's2hk',
        'hk2s',
        's2twp',
        'tw2sp',
        't2tw',
        'tw2t',
        't2hk',
        'hk2t',
        't2jp',
        'jp2t',
      ])
      .optional(),
    /** Characters of plain-text summary; RSSHub needs at least 100. */
    brief: z.number().int().min(100, 'must be at least 100 (characters)').optional(),
    /** Links each item to Sci-Hub (its DOI, else its link), on routes that support it. */
    scihub: z.boolean().optional(),
  })
  .strict();

/** One subscription in feedmill.yml. */
export const feedSchema = z.preprocess(
  expandRsshubShorthand,
  z
    .object({
      url: z.string().trim().min(1, 'must not be empty'),
      name: z.string().trim().min(1).optional(),
      categories: z.array(categoryName).max(8, 'at most 8 levels').optional(),
      author: z.string().trim().min(1).optional(),
      limit: z.number().int().positive().max(10_000).default(15),
      timezone: timeZone.optional(),
      ...watchFields,
      ...postOptionsShape,
      keep: keepSchema.optional(),
      rsshub: rsshubQuerySchema.optional(),
      filter: filterSchema.optional(),
      images: feedImagesSchema.optional(),
      full_text: fullTextSchema.optional(),
    })
    .strict()
    .refine((feed) => !feed.rsshub || feed.url.startsWith('rsshub:'), {
      message: 'query parameters are for RSSHub routes only (url: rsshub:/…)',
      path: ['rsshub'],
    })
    .refine((feed) => feed.full_text !== 'rsshub' || feed.url.startsWith('rsshub:'), {
      message: 'rsshub full text is for RSSHub routes only (url: rsshub:/…); use true to extract pages',
      path: ['full_text'],
    }),
);

/** The whole feedmill.yml. The inferred type is the config type: no second definition. */
export const configSchema = z
  .object({
    hexo: z.string().min(1).default('.'),
    // Which generator the posts are for; absent: detected from the site's files (docs/hugo.md).
    generator: z.enum(['hexo', 'hugo']).optional(),
    // The SQLite file, a postgres:// URL, or the environment variable holding that URL (so the
    // password stays out of feedmill.yml).
    state: z
      .union([
        z.string().min(1),
        z.object({ url_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) }).strict(),
      ])
      .optional(),
    timezone: timeZone.optional(),
    rsshub: z
      .object({
        // rsshub catalogue: instances may carry an access key; see src/rsshub.
        instances: z
          .array(
            z.union([
              httpUrl,
              z
                .object({
                  url: httpUrl,
                  key: z.string().min(1).optional(),
                  // fetches in flight at once to this instance (within http.per_host)
                  concurrency: z.number().int().positive().optional(),
                })
                .strict(),
            ]),
          )
          .min(1)
          .default(['https://rsshub.app']),
        lang: z.enum(['zh', 'en']).default('zh'),
        docs: z.array(z.string().min(1)).default([]),
        category_labels: z.record(z.string(), categoryName).optional(),
        catalogue_ttl_hours: z.number().positive().default(24),
        // an instance failing this many times in a row (5xx, 429, timeouts) is skipped for a while
        cooldown_after: z.number().int().positive().default(3),
        cooldown_minutes: z.number().positive().default(30),
      })
      .strict()
      .prefault({}),
    ...postOptionsShape,
    full_text: fullTextSchema.optional(),
    feeds: z.array(feedSchema).min(1, 'list at least one feed'),
    ...watchFields,
    images: imagesSchema.optional(),
    keep: keepSchema.optional(),
    filter: filterSchema.optional(),
    http: httpSchema.prefault({}),
    // fsync each post and the state journal (power-loss safety); false keeps only the
    // atomic rename (enough against crashes and kills, e.g. on throwaway CI runners).
    fsync: z.boolean().default(true),
  })
  .strict();

export type FeedConfig = z.infer<typeof feedSchema>;
export type Config = z.infer<typeof configSchema>;
