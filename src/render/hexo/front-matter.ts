import yaml from 'js-yaml';

/** Front matter as ordered key/value pairs; every key is feedmill's own, never feed text. */
export type FrontMatter = ReadonlyArray<readonly [string, string | string[] | boolean]>;

/**
 * Dumps front matter with js-yaml (the library Hexo reads it with). Every string is quoted, so
 * nothing a YAML 1.1 or 1.2 reader sees (`yes`, `null`, `2021-12-16`, `0x1F`, `~`) turns into another type.
 */
export function dumpFrontMatter(frontMatter: FrontMatter): string {
  const ordered: Record<string, unknown> = {};
  for (const [key, value] of frontMatter) ordered[key] = value;
  return yaml.dump(ordered, {
    lineWidth: -1,
    noRefs: true,
    quotingType: "'",
    // Every string quoted: YAML 1.1 readers (the `yaml` package in 1.1 mode, older Hexo) take
    // plain `1_000`, `yes` or `2021-12-16` as numbers, booleans or dates.
    forceQuotes: true,
    noCompatMode: false,
  });
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A date Hexo reads as the same instant: `YYYY-MM-DD HH:mm:ss` in the site's timezone when it
 * sets one (Hexo reads front matter dates in that zone), else RFC 1123 in GMT, as the seed.
 */
export function formatPostDate(date: Date, siteTimeZone?: string): string {
  if (!siteTimeZone) return date.toUTCString();
  const parts: Record<string, string> = {};
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone: siteTimeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year}-${pad(Number(parts.month))}-${pad(Number(parts.day))} ${pad(Number(parts.hour))}:${pad(Number(parts.minute))}:${pad(Number(parts.second))}`;
}
