import { compile } from 'css-select';
import { z } from 'zod';
import { IMAGE_KEY_PRESETS, RESERVED_KEYS } from '../render/hexo/index.ts';

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

// ── Post cleaning and rendering (issue 4): allowed per feed and at the top level ──

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
};

// ── end of issue 4 block ──

const categoryName = z.string().trim().min(1, 'must not be empty');

/** One subscription in feedmill.yml. */
export const feedSchema = z
  .object({
    url: z.string().trim().min(1, 'must not be empty'),
    name: z.string().trim().min(1).optional(),
    categories: z.array(categoryName).max(8, 'at most 8 levels').optional(),
    author: z.string().trim().min(1).optional(),
    limit: z.number().int().positive().max(10_000).default(15),
    timezone: timeZone.optional(),
    ...postOptionsShape,
  })
  .strict();

/** The whole feedmill.yml. The inferred type is the config type: no second definition. */
export const configSchema = z
  .object({
    hexo: z.string().min(1).default('.'),
    state: z.string().min(1).optional(),
    timezone: timeZone.optional(),
    rsshub: z
      .object({
        instances: z
          .array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
          .min(1)
          .default(['https://rsshub.app']),
      })
      .strict()
      .default({ instances: ['https://rsshub.app'] }),
    ...postOptionsShape,
    feeds: z.array(feedSchema).min(1, 'list at least one feed'),
  })
  .strict();

export type FeedConfig = z.infer<typeof feedSchema>;
export type Config = z.infer<typeof configSchema>;
