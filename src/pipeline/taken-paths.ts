import { foldPath } from '../store/index.ts';

/** Post paths a new post may not take, and the ones this feed's plan takes as it goes. */
export interface TakenPaths {
  has(relativePath: string): boolean;
  add(relativePath: string): void;
  /**
   * The paths the plan is about to ask about: looked up in the database at once, replacing the
   * answers of an earlier call (the journal may have changed since). Others are looked up alone.
   */
  expect?(relativePaths: readonly string[]): void;
}

/**
 * The paths taken in one folder: a new post's name must be free in the database (rows and
 * journalled writes), among the feed's other new posts, and on disk (compared folded, for
 * case-insensitive file systems and clones). Other feeds' new names need no memory here:
 * planning and journalling happen with no await between them, so a concurrent feed finds
 * them in the journal. The folder is listed only when a name is first checked. `takenAmong`
 * answers for many paths in one query (a query per new post was 2 % of a first run's CPU).
 */
export function takenPaths(
  folder: string,
  namesIn: (folder: string) => readonly string[],
  takenAmong: (relativePaths: readonly string[]) => ReadonlySet<string>,
): TakenPaths {
  let used: Set<string> | undefined;
  const usedNames = () => {
    used ??= new Set(namesIn(folder).map((name) => foldPath(folder ? `${folder}/${name}` : name)));
    return used;
  };
  let asked = new Set<string>();
  let answered: ReadonlySet<string> = new Set();
  const inDatabase = (path: string, fold: string) =>
    asked.has(fold) ? answered.has(fold) : takenAmong([path]).has(fold);
  return {
    has: (path) => {
      const fold = foldPath(path);
      return usedNames().has(fold) || inDatabase(path, fold);
    },
    add: (path) => void usedNames().add(foldPath(path)),
    expect: (paths) => {
      asked = new Set(paths.map(foldPath));
      answered = paths.length > 0 ? takenAmong(paths) : new Set();
    },
  };
}
