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

// --- watch (issue 7): how often `feedmill watch` checks a feed, top level or per feed.
const watchFields = {
  interval_minutes: z
    .number()
    .positive()
    .max(7 * 24 * 60, 'at most a week (10080)')
    .optional(),
};
// --- end watch

const categoryName = z.string().trim().min(1, 'must not be empty');

// rsshub catalogue: an RSSHub route may be given as `rsshub: /route` instead of `url: rsshub:/route`.
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
function expandRsshubShorthand(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { rsshub, ...rest } = value as Record<string, unknown>;
  if (typeof rsshub !== 'string' || 'url' in rest) return value;
  return { ...rest, url: `rsshub:${rsshub.trim()}` };
}

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
    })
    .strict(),
);

/** The whole feedmill.yml. The inferred type is the config type: no second definition. */
export const configSchema = z
  .object({
    hexo: z.string().min(1).default('.'),
    state: z.string().min(1).optional(),
    timezone: timeZone.optional(),
    rsshub: z
      .object({
        // rsshub catalogue: instances may carry an access key; see src/rsshub.
        instances: z
          .array(z.union([httpUrl, z.object({ url: httpUrl, key: z.string().min(1).optional() }).strict()]))
          .min(1)
          .default(['https://rsshub.app']),
        lang: z.enum(['zh', 'en']).default('zh'),
        docs: z.array(z.string().min(1)).default([]),
        categoryLabels: z.record(z.string(), categoryName).optional(),
        catalogueTtlHours: z.number().positive().default(24),
      })
      .strict()
      .prefault({}),
    feeds: z.array(feedSchema).min(1, 'list at least one feed'),
    ...watchFields,
  })
  .strict();

export type FeedConfig = z.infer<typeof feedSchema>;
export type Config = z.infer<typeof configSchema>;
