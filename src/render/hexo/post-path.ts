import { oneLineText } from '../one-line-text.ts';
import { MAX_SEGMENT_BYTES, safeSegment } from '../safe-segment.ts';

/** The folder of a feed's posts, relative to `source/_posts`: one segment per category. */
export function postFolder(categories: readonly string[]): string {
  return categories.map((category) => safeSegment(category)).join('/');
}

/** A post file name from its title; `suffix` disambiguates items whose titles collide. */
export function postFileName(title: string, suffix?: string): string {
  const tail = suffix ? `-${suffix}` : '';
  // The name follows the title the post shows (oneLineText), so the two never disagree.
  const base = safeSegment(
    oneLineText(title).replace(/\s+/g, '-'),
    MAX_SEGMENT_BYTES - Buffer.byteLength(`${tail}.md`),
  );
  return `${base}${tail}.md`;
}
