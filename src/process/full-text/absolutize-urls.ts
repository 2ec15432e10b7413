import type { ArticleDocument } from './extract-article.ts';

// Attributes holding one URL, including the lazy-loading ones later stages may promote.
const URL_ATTRIBUTES = ['href', 'src', 'poster', 'data-src', 'data-original'] as const;

/**
 * Makes every URL attribute of a page absolute against its base: the `<base href>` resolved
 * against the page URL, else the page URL (HTML §2.4.1, the document base URL). A fragment-only
 * link stays an in-page link unless a `<base>` sends it elsewhere, as browsers resolve it;
 * unparsable values are left for clean to judge.
 */
export function absolutizeUrls(document: ArticleDocument, pageUrl: string): void {
  const page = toAbsolute(pageUrl);
  if (page === undefined) return;
  const written = document.querySelector('base[href]')?.getAttribute('href');
  const base = (written ? toAbsolute(written, page) : undefined) ?? page;
  for (const name of URL_ATTRIBUTES) {
    for (const element of Array.from(document.querySelectorAll(`[${name}]`))) {
      const value = element.getAttribute(name);
      if (value === null || (base === page && value.trim().startsWith('#'))) continue;
      const absolute = toAbsolute(value, base);
      if (absolute !== undefined && absolute !== value) element.setAttribute(name, absolute);
    }
  }
  for (const element of Array.from(document.querySelectorAll('[srcset]'))) {
    const value = element.getAttribute('srcset');
    if (value !== null) element.setAttribute('srcset', absoluteSrcset(value, base));
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

/** Each `srcset` candidate (HTML §4.8.4.3.10: URL, optional descriptor, comma) made absolute. */
function absoluteSrcset(value: string, base: string): string {
  return value
    .split(/,\s+/)
    .map((candidate) => {
      const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
      return [toAbsolute(url, base) ?? url, ...descriptor].join(' ');
    })
    .join(', ');
}
