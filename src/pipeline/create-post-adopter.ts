import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDENTITY_KEY, readPostIdentity, themeSafeText } from '../render/index.ts';
import { foldPath, type StoredItem } from '../store/index.ts';
import { readPostDate } from './adopt-posts.ts';
import { hashContent, type RenderedPost } from './plan-writes.ts';
import { readFrontMatter } from './read-front-matter.ts';

/**
 * Decides whether the file already at a new item's preferred path is that item's own post,
 * written before the state was lost; returns the row to plan it as a known item.
 */
export type PostAdopter = (relativePath: string, post: RenderedPost) => StoredItem | undefined;

/**
 * The planner's fallback for posts the state does not know (see planWrites): a file at the
 * item's preferred name that no row or journalled write holds is the item's post when it
 * carries the item's identity, or, written by a feedmill without identities, when its title,
 * categories and date equal the item's. Each file is adopted at most once per run (or publish:
 * `state` is the SQLite store, or what the site's writer knows of a PostgreSQL one).
 */
export function createPostAdopter(
  state: { isPathTaken(relativePath: string): boolean },
  postsRoot: string,
  timezone: string | undefined,
): PostAdopter {
  const claimed = new Set<string>();
  return (relativePath, post) => {
    if (state.isPathTaken(relativePath)) return undefined;
    const onDisk = findOnDisk(postsRoot, relativePath);
    if (!onDisk || claimed.has(foldPath(onDisk))) return undefined;
    let text: string;
    try {
      text = readFileSync(join(postsRoot, ...onDisk.split('/')), 'utf8');
    } catch {
      return undefined;
    }
    const existing = readFrontMatter(text);
    const rendered = readFrontMatter(post.content);
    if (!existing || !rendered) return undefined;
    const same = readPostIdentity(existing[IDENTITY_KEY])
      ? existing[IDENTITY_KEY] === rendered[IDENTITY_KEY]
      : sameText(existing.title, rendered.title) &&
        sameCategories(existing.categories, rendered.categories) &&
        sameInstant(existing.date, rendered.date, timezone);
    if (!same) return undefined;
    claimed.add(foldPath(onDisk));
    return {
      key: post.key,
      contentHash: hashContent(text),
      postPath: onDisk,
      firstSeen: post.firstSeen,
      published: post.published,
    };
  };
}

/** The path as spelled on disk of the file whose folded path is `relativePath`'s, if any. */
function findOnDisk(postsRoot: string, relativePath: string): string | undefined {
  const slash = relativePath.lastIndexOf('/');
  const folder = slash < 0 ? '' : relativePath.slice(0, slash);
  const wanted = foldPath(relativePath.slice(slash + 1));
  let names: string[];
  try {
    names = readdirSync(join(postsRoot, ...folder.split('/').filter(Boolean)));
  } catch {
    return undefined;
  }
  const name = names.find((candidate) => foldPath(candidate) === wanted);
  return name === undefined ? undefined : folder ? `${folder}/${name}` : name;
}

/**
 * Titles compare as this feedmill writes them: an older one (or the Python generator) wrote a
 * feed's quotes and angle brackets as they came, which themeSafeText now changes.
 */
function sameText(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && themeSafeText(a) === themeSafeText(b);
}

function sameCategories(a: unknown, b: unknown): boolean {
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : [String(value)]);
  return a !== undefined && JSON.stringify(list(a)) === JSON.stringify(list(b));
}

/** Dates compare as instants: an older feedmill may have written the same instant another way. */
function sameInstant(a: unknown, b: unknown, timezone: string | undefined): boolean {
  const first = readPostDate(a, timezone);
  const second = readPostDate(b, timezone);
  return first !== undefined && second !== undefined && first.getTime() === second.getTime();
}
