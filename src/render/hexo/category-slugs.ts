import type { Diagnostic } from '../../errors.ts';
import type { Slugize } from './site-slugize.ts';

// An approximation of hexo-util's slugize, for sites without hexo-util installed (a run uses the
// site's own when it can, see site-slugize.ts): drop C0 controls, turn runs of whitespace and
// ASCII punctuation into one `-`, trim `-`. Diacritics are folded first (hexo-util maps Latin
// letters to their base with its own table; NFD without combining marks gives the same base
// letter for the common cases, not for ß, Æ, Ø, Ł and the like).
const CONTROLS = /[\u0000-\u001f]/g;
const SPECIAL = /[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g;

/** The slug Hexo gives a category name (hexo-util `slugize`, default `filename_case: 0`). */
export function hexoSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .replace(CONTROLS, '')
    .replace(SPECIAL, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Finds category paths that Hexo would publish at the same URL (`C++` and `C#` both become
 * `C`; `Go` and `go` share a folder on case-insensitive disks) or at an empty slug. Returns the
 * diagnostics for each input path, by index.
 */
export function categorySlugCollisions(
  paths: readonly (readonly string[])[],
  slugize: Slugize = hexoSlug,
): Map<number, Diagnostic[]> {
  const found = new Map<number, Diagnostic[]>();
  const add = (index: number, diagnostic: Diagnostic) => {
    const list = found.get(index) ?? [];
    if (!list.some((known) => known.message === diagnostic.message)) list.push(diagnostic);
    found.set(index, list);
  };
  // For every prefix of every path: slug path (case-folded) → the distinct name paths using it.
  const bySlug = new Map<string, Map<string, number[]>>();
  paths.forEach((path, index) => {
    for (let depth = 1; depth <= path.length; depth++) {
      const names = path.slice(0, depth);
      const slugs = names.map((name) => slugize(name));
      if (slugs[depth - 1] === '') {
        add(index, {
          code: 'category-slug-empty',
          message: `category "${names[depth - 1]}" has an empty Hexo slug; set a category_map entry for it`,
        });
      }
      const slugKey = slugs.join('/').toLowerCase();
      const nameKey = names.join('/');
      const users = bySlug.get(slugKey) ?? new Map<string, number[]>();
      users.set(nameKey, [...(users.get(nameKey) ?? []), index]);
      bySlug.set(slugKey, users);
    }
  });
  for (const [slugKey, users] of bySlug) {
    if (users.size < 2) continue;
    const names = [...users.keys()];
    const message = `categories ${names.map((name) => `"${name}"`).join(', ')} share the Hexo slug "categories/${slugKey}"; their pages collide (set category_map in the site's _config.yml)`;
    for (const indices of users.values())
      for (const index of indices) add(index, { code: 'category-slug-collision', message });
  }
  return found;
}
