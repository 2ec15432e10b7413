import type { Diagnostic } from '../../errors.ts';

const KEPT = /[\p{L}\p{N}\p{M}._/\\#+~@]/u;

/**
 * The key Hugo files a taxonomy term under (an approximation of its `urlize`): lowercased,
 * letters, digits, marks and `._/\#+~@` kept, `%XX` kept, runs of spaces and hyphens as one
 * `-` between kept characters, everything else dropped.
 */
export function hugoTermKey(name: string): string {
  const chars = [...name];
  let key = '';
  let pendingHyphen = false;
  chars.forEach((char, index) => {
    const percentEscape =
      char === '%' && /^[0-9a-f]{2}$/i.test(`${chars[index + 1] ?? ''}${chars[index + 2] ?? ''}`);
    if (KEPT.test(char) || percentEscape) {
      if (pendingHyphen && key !== '') key += '-';
      pendingHyphen = false;
      key += char;
    } else if (char === '-' || /\s/u.test(char)) pendingHyphen = true;
  });
  return key.toLowerCase();
}

/**
 * Category names Hugo would merge into one term page (`Go` and `go`, `a b` and `a-b`) or give
 * no page at all (`！！`). Hugo's categories are flat terms, so names are compared one by one,
 * not as paths. Returns the diagnostics for each input path, by index.
 */
export function hugoTermCollisions(
  paths: readonly (readonly string[])[],
  termKey: (name: string) => string = hugoTermKey,
): Map<number, Diagnostic[]> {
  const found = new Map<number, Diagnostic[]>();
  const add = (index: number, diagnostic: Diagnostic) => {
    const list = found.get(index) ?? [];
    if (!list.some((known) => known.message === diagnostic.message)) list.push(diagnostic);
    found.set(index, list);
  };
  // Term key → the distinct names using it → the paths (by index) that use them.
  const byKey = new Map<string, Map<string, Set<number>>>();
  paths.forEach((path, index) => {
    for (const name of path) {
      const key = termKey(name);
      if (key === '')
        add(index, {
          code: 'category-slug-empty',
          message: `category "${name}" has an empty Hugo term URL: Hugo gives it no page; rename it (categories:)`,
        });
      const users = byKey.get(key) ?? new Map<string, Set<number>>();
      users.set(name, (users.get(name) ?? new Set()).add(index));
      byKey.set(key, users);
    }
  });
  for (const [key, users] of byKey) {
    if (key === '' || users.size < 2) continue;
    const names = [...users.keys()].map((name) => `"${name}"`).join(', ');
    const message = `categories ${names} share the Hugo term "categories/${key}": Hugo shows them as one category`;
    for (const indices of users.values())
      for (const index of indices) add(index, { code: 'category-slug-collision', message });
  }
  return found;
}
