import { LAZY_SOURCE_ATTRIBUTES, LAZY_SRCSET_ATTRIBUTES } from '../../clean/index.ts';
import { formatSrcset, parseSrcset } from '../../srcset.ts';
import type { ArticleDocument } from './extract-article.ts';

// Attributes holding one URL, including the lazy loaders' ones the clean stage promotes to `src`
// (it resolves them against the item link, which is not the page's base).
const URL_ATTRIBUTES = [...new Set(['href', 'src', 'poster', ...LAZY_SOURCE_ATTRIBUTES])];
const SRCSET_ATTRIBUTES = ['srcset', ...LAZY_SRCSET_ATTRIBUTES];

/**
 * Makes every URL attribute of a page absolute against its base: the `<base href>` resolved
 * against the page URL when that is an http(s) URL, else the page URL (HTML §2.4.1, the
 * document base URL; browsers refuse `javascript:` and `data:` bases). A fragment-only link
 * stays an in-page link unless a `<base>` sends it elsewhere, as browsers resolve it;
 * unparsable values are left for clean to judge.
 */
export function absolutizeUrls(document: ArticleDocument, pageUrl: string): void {
  const page = toAbsolute(pageUrl);
  if (page === undefined) return;
  const written = document.querySelector('base[href]')?.getAttribute('href');
  const declared = written ? toAbsolute(written, page) : undefined;
  const base = declared !== undefined && /^https?:/.test(declared) ? declared : page;
  for (const name of URL_ATTRIBUTES) {
    for (const element of Array.from(document.querySelectorAll(`[${name}]`))) {
      const value = element.getAttribute(name);
      if (value === null || (base === page && value.trim().startsWith('#'))) continue;
      const absolute = toAbsolute(value, base);
      if (absolute !== undefined && absolute !== value) element.setAttribute(name, absolute);
    }
  }
  for (const name of SRCSET_ATTRIBUTES) {
    for (const element of Array.from(document.querySelectorAll(`[${name}]`))) {
      const value = element.getAttribute(name);
      if (value !== null) element.setAttribute(name, absoluteSrcset(value, base));
    }
  }
}

function toAbsolute(value: string, base?: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return undefined;
  }
}

/** Each `srcset` candidate (HTML §4.8.4.3.10, commas with or without spaces) made absolute. */
function absoluteSrcset(value: string, base: string): string {
  const candidates = parseSrcset(value);
  for (const candidate of candidates) candidate.url = toAbsolute(candidate.url, base) ?? candidate.url;
  return formatSrcset(candidates);
}
