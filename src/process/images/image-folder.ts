import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where local image copies live: one flat folder of content-addressed files. */
export interface ImageFolder {
  /** Whether the folder holds this file (a worker's folder in PostgreSQL answers later). */
  has(file: string): boolean | Promise<boolean>;
  /** Puts a file into the folder whole or not at all, durably (temporary file, fsync, rename, folder fsync). */
  put(file: string, bytes: Uint8Array): Promise<void>;
  /** Deletes a file if it is there. */
  remove(file: string): Promise<void>;
  /** Names in the folder that are not finished images (temporary files a killed run left). */
  leftovers(): string[] | Promise<string[]>;
}

/** The atomic file writer the folder writes through (the post writer, rooted at the folder). */
export interface AtomicWriter {
  write(relativePath: string, content: Uint8Array): Promise<void>;
  remove(relativePath: string): Promise<void>;
  flush(): Promise<void>;
}

/**
 * The image folder on disk at `root` (Hexo: `source/images/feedmill`, Hugo: `static/…`), written
 * through the site's atomic writer so that an image is never half-written, and is on disk
 * (renamed and its folder synced) before any post refers to it.
 */
export function createImageFolder(
  root: string,
  writer: AtomicWriter,
  /** The suffix of the writer's temporary files. */
  temporarySuffix: string,
): ImageFolder {
  return {
    has: (file) => existsSync(join(root, file)),
    async put(file, bytes) {
      await writer.write(file, bytes);
      await writer.flush();
    },
    async remove(file) {
      await writer.remove(file);
      await writer.flush();
    },
    leftovers() {
      try {
        return readdirSync(root).filter((name) => name.startsWith('.') && name.endsWith(temporarySuffix));
      } catch {
        return [];
      }
    },
  };
}

/**
 * A folder in memory: for tests, and for dry runs, which must not write (`onDisk` then tells
 * which files the real folder already holds).
 */
export function createMemoryImageFolder(
  onDisk: (file: string) => boolean = () => false,
): ImageFolder & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    has: (file) => files.has(file) || onDisk(file),
    put: async (file, bytes) => void files.set(file, bytes),
    remove: async (file) => void files.delete(file),
    leftovers: () => [],
  };
}
