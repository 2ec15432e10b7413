import { z } from 'zod';

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

const categoryName = z.string().trim().min(1, 'must not be empty');

// --- issue 5: retention and HTTP knobs (owned by the fetch/store work) ---
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
// --- end issue 5 ---

/** One subscription in feedmill.yml. */
export const feedSchema = z
  .object({
    url: z.string().trim().min(1, 'must not be empty'),
    name: z.string().trim().min(1).optional(),
    categories: z.array(categoryName).max(8, 'at most 8 levels').optional(),
    author: z.string().trim().min(1).optional(),
    limit: z.number().int().positive().max(10_000).default(15),
    timezone: timeZone.optional(),
    keep: keepSchema.optional(), // issue 5
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
    feeds: z.array(feedSchema).min(1, 'list at least one feed'),
    keep: keepSchema.optional(), // issue 5
    http: httpSchema.prefault({}), // issue 5
    // issue 5: fsync each post and the state journal (power-loss safety); false keeps only the
    // atomic rename (enough against crashes and kills, e.g. on throwaway CI runners).
    fsync: z.boolean().default(true),
  })
  .strict();

export type FeedConfig = z.infer<typeof feedSchema>;
export type Config = z.infer<typeof configSchema>;
