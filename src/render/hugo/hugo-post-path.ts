import { oneLineText } from '../one-line-text.ts';
import { MAX_SEGMENT_BYTES, safeSegment } from '../safe-segment.ts';

// Hugo makes a page's URL from its path, keeping only letters, digits, marks and `._~+@-`
// (and `#`, `/`, `\`, `%XX`, which a file name must not carry) and dropping the rest; runs of
// spaces and hyphens become one `-`, none at either end. A name already in that form is its own
// URL (lowercased), so two posts with different names never share a page.
const DROPPED = /[^\p{L}\p{N}\p{M}._~+@\s-]/gu;

/** One path segment that is safe on disk (see safeSegment) and is its own URL segment in Hugo. */
export function hugoSegment(raw: string, maxBytes = MAX_SEGMENT_BYTES): string {
  const kept = raw
    .normalize('NFC')
    .replace(DROPPED, '')
    .replace(/[\s-]+/g, '-')
    .replace(/^-|-$/g, '');
  return safeSegment(kept, maxBytes);
}

/** The folder of a feed's posts, relative to `content/posts`: one segment per category. */
export function hugoPostFolder(categories: readonly string[]): string {
  return categories.map((category) => hugoSegment(category)).join('/');
}

/**
 * A Hugo content file name from the post title, `.html` (Hugo's HTML content format: no
 * Markdown renderer touches the body); `suffix` disambiguates colliding titles. `index` and
 * `_index` are avoided: Hugo would make the folder a page bundle and hide its other posts.
 */
export function hugoPostFileName(title: string, suffix?: string): string {
  const tail = suffix ? `-${suffix}` : '';
  let base = hugoSegment(oneLineText(title), MAX_SEGMENT_BYTES - Buffer.byteLength(`${tail}-post.html`));
  if (/^_?index$/i.test(base)) base = `${base}-post`;
  return `${base}${tail}.html`;
}
