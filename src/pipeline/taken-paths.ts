import { foldPath } from '../store/index.ts';

/** Post paths a new post may not take, and the ones this feed's plan takes as it goes. */
export interface TakenPaths {
  has(relativePath: string): boolean;
  add(relativePath: string): void;
}

/**
 * The paths taken in one folder: a new post's name must be free in the database (rows and
 * journalled writes), among the feed's other new posts, and on disk (compared folded, for
 * case-insensitive file systems and clones). Other feeds' new names need no memory here:
 * planning and journalling happen with no await between them, so a concurrent feed finds
 * them in the journal. The folder is listed only when a name is first checked.
 */
export function takenPaths(
  folder: string,
  namesIn: (folder: string) => readonly string[],
  isPathTaken: (relativePath: string) => boolean,
): TakenPaths {
  let used: Set<string> | undefined;
  const usedNames = () => {
    used ??= new Set(namesIn(folder).map((name) => foldPath(folder ? `${folder}/${name}` : name)));
    return used;
  };
  return {
    has: (path) => usedNames().has(foldPath(path)) || isPathTaken(path),
    add: (path) => void usedNames().add(foldPath(path)),
  };
}
