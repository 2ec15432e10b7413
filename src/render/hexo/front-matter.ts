import yaml from 'js-yaml';

/** Front matter as ordered key/value pairs; every key is feedmill's own, never feed text. */
export type FrontMatter = ReadonlyArray<readonly [string, string | string[] | boolean]>;

/**
 * Dumps front matter as js-yaml does (the library Hexo reads it with), byte for byte: every
 * string is quoted, so nothing a YAML 1.1 or 1.2 reader sees (`yes`, `null`, `2021-12-16`,
 * `0x1F`, `~`) turns into another type. Written by hand for its fixed shape: js-yaml's general
 * dumper was a tenth of a first run's CPU; a key outside that shape goes to js-yaml.
 */
export function dumpFrontMatter(frontMatter: FrontMatter): string {
  let out = '';
  for (const [key, value] of frontMatter) {
    if (!PLAIN_KEY.test(key) || RESERVED_KEYS.has(key.toLowerCase())) return dumpWithJsYaml(frontMatter);
    if (typeof value === 'boolean') out += `${key}: ${value}\n`;
    else if (typeof value === 'string') out += `${key}: ${quote(value)}\n`;
    else if (value.length === 0) out += `${key}: []\n`;
    else {
      out += `${key}:\n`;
      for (const entry of value) out += `  - ${quote(entry)}\n`;
    }
  }
  return out;
}

// Keys js-yaml writes plain: words that no YAML 1.1 or 1.2 reader takes for another value.
const PLAIN_KEY = /^[a-zA-Z][a-zA-Z_]*$/;
const RESERVED_KEYS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'null', 'true', 'false']);

/**
 * A string quoted as js-yaml quotes it with `forceQuotes` and single quotes: single-quoted
 * (YAML 1.2 §7.3.2) when every character is printable (§5.1), else double-quoted with escapes.
 */
function quote(text: string): string {
  if (text === '') return "''";
  return UNPRINTABLE.test(text) ? `"${escapeDoubleQuoted(text)}"` : `'${text.replaceAll("'", "''")}'`;
}

// What js-yaml does not write as is: C0 controls, DEL to U+00A0, U+2028/2029, lone surrogates,
// the byte order mark, U+FFFE and U+FFFF.
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u00a0\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ESCAPES: Record<number, string> = {
  0: '\\0',
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
  27: '\\e',
  34: '\\"',
  92: '\\\\',
  133: '\\N',
  160: '\\_',
  8232: '\\L',
  8233: '\\P',
};

/** The body of a double-quoted scalar (YAML 1.2 §5.7): named escapes, else `\xXX` / `\uXXXX`. */
function escapeDoubleQuoted(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += text[index]! + text[index + 1]!;
      index++;
      continue;
    }
    const named = ESCAPES[unit];
    if (named !== undefined) out += named;
    else if (!UNPRINTABLE.test(text[index]!)) out += text[index];
    else {
      const hex = unit.toString(16).toUpperCase();
      out += unit <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
    }
  }
  return out;
}

function dumpWithJsYaml(frontMatter: FrontMatter): string {
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
