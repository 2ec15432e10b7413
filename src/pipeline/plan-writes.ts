import { sha256Hex } from '../sha256-hex.ts';
import type { ItemRecord, StoredItem } from '../store/index.ts';
import { encodeUtf8 } from './encode-utf8.ts';
import type { TakenPaths } from './taken-paths.ts';

/** A rendered post for one item, before deciding what to do with it. */
export interface RenderedPost {
  key: string;
  /** The folder relative to the posts folder (the output target's `postsDir`). */
  folder: string;
  /** The file name the title gives, before disambiguation. */
  fileName: string;
  /** The same name with a suffix that is unique to the item (may be a getter that makes it). */
  readonly uniqueFileName: string;
  content: string;
  firstSeen: string;
  published: string;
}

/**
 * What to do with one item. A post to write carries its UTF-8 bytes: encoded once, for its hash
 * and for the file (hashing the text and writing the text each encoded it again).
 */
export type PlannedWrite =
  | { kind: 'create' | 'update'; relativePath: string; content: Uint8Array; record: ItemRecord }
  | {
      kind: 'unchanged';
      relativePath: string;
      record: ItemRecord;
      /** The state's row for the item already says all the record does: nothing to write. */
      recorded: boolean;
    };

/**
 * Decides each item's fate (pure but for `adopt`): new items get a path unique in its folder
 * even on case-insensitive file systems (the title's name, else with the item's suffix, else
 * numbered); known items keep their path and are rewritten only
 * when their content hash changed. A new item whose name is taken first asks `adopt` whether
 * the file there (or at its suffixed name) is its own post from before the state was lost:
 * then it is planned as known.
 */
export function planWrites(
  posts: readonly RenderedPost[],
  stored: ReadonlyMap<string, StoredItem>,
  taken: TakenPaths,
  adopt?: (relativePath: string, post: RenderedPost) => StoredItem | undefined,
): PlannedWrite[] {
  // The names the new posts prefer, asked of the database at once (a suffixed name is asked
  // for alone, by the few posts whose preferred name is taken).
  taken.expect?.(
    posts.filter((post) => !stored.has(post.key)).map((post) => joinPath(post.folder, post.fileName)),
  );
  return posts.map((post) => {
    const bytes = encodeUtf8(post.content);
    const contentHash = hashContent(bytes);
    const preferred = joinPath(post.folder, post.fileName);
    // Made when first needed: a post may compute its suffixed name lazily (see RenderedPost).
    let uniquePath: string | undefined;
    const uniqueOf = () => (uniquePath ??= joinPath(post.folder, post.uniqueFileName));
    // Asked once: each answer may be a query of the state database, and nothing is taken
    // between here and the choice of path below.
    let preferredTaken: boolean | undefined;
    let uniqueTaken: boolean | undefined;
    const isPreferredTaken = () => (preferredTaken ??= taken.has(preferred));
    const isUniqueTaken = () => (uniqueTaken ??= taken.has(uniqueOf()));
    const inState = stored.get(post.key);
    const known =
      inState ??
      (adopt && isPreferredTaken()
        ? (adopt(preferred, post) ?? (isUniqueTaken() ? adopt(uniqueOf(), post) : undefined))
        : undefined);
    if (known) {
      const record = {
        key: post.key,
        contentHash,
        postPath: known.postPath,
        firstSeen: known.firstSeen,
        published: post.published,
      };
      if (known.contentHash === contentHash) {
        // An adopted post has no row yet; a stored one may have been dated otherwise.
        const recorded = inState !== undefined && inState.published === post.published;
        return { kind: 'unchanged', relativePath: known.postPath, record, recorded };
      }
      return { kind: 'update', relativePath: known.postPath, content: bytes, record };
    }
    const relativePath = !isPreferredTaken()
      ? preferred
      : !isUniqueTaken()
        ? uniqueOf()
        : numberedFreePath(uniqueOf(), taken);
    taken.add(relativePath);
    const record = {
      key: post.key,
      contentHash,
      postPath: relativePath,
      firstSeen: post.firstSeen,
      published: post.published,
    };
    return { kind: 'create', relativePath, content: bytes, record };
  });
}

/**
 * The item rows a plan has to record: all but those of unchanged posts whose rows already say
 * the same (a feed answering 200 with the items it had rewrote every row at each run).
 */
export function recordsToWrite(plan: readonly PlannedWrite[]): ItemRecord[] {
  return plan.filter((write) => write.kind !== 'unchanged' || !write.recorded).map((write) => write.record);
}

/**
 * The hash that decides whether a post changed: the SHA-256 of its text's UTF-8 bytes, the same
 * digest for the text or its bytes.
 */
export function hashContent(content: string | Uint8Array): string {
  return sha256Hex(content);
}

/**
 * The first of `name-2.ext`, `name-3.ext`, … that is free. The item's suffix is not always
 * enough: the same item (same key, same title) can come from a second and a third feed filed in
 * one folder, e.g. a feed whose URL was changed twice.
 */
function numberedFreePath(path: string, taken: { has(relativePath: string): boolean }): string {
  const dot = path.lastIndexOf('.');
  const extensionAt = dot > path.lastIndexOf('/') ? dot : path.length;
  for (let number = 2; ; number++) {
    const candidate = `${path.slice(0, extensionAt)}-${number}${path.slice(extensionAt)}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function joinPath(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name;
}
