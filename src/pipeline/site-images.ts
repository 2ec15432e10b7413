import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../config/index.ts';
import { percentEncode } from '../percent-encode.ts';
import {
  collectImageGarbage,
  createImageFolder,
  createMemoryImageFolder,
  type GarbageReport,
  type ImageFolder,
  type ImagesProcessorOptions,
} from '../process/images/index.ts';
import type { OutputTarget, SiteOptions } from '../render/index.ts';
import type { Store } from '../store/index.ts';
import { imageDownloadsPerRun } from '../subscriptions/index.ts';
import { createPostWriter, TEMPORARY_SUFFIX } from './apply-writes.ts';

/** A site's local image copies: the folder and what the images processor needs. */
export interface SiteImages {
  folder: ImageFolder;
  processor: ImagesProcessorOptions;
}

/**
 * The image folder of a site as its target lays it out (Hexo: `source/images/feedmill`, served
 * at `<root>images/feedmill/`); none when the target keeps images remote. A dry run reads the
 * real folder but writes into memory.
 */
export function siteImages(
  loaded: LoadedConfig,
  target: OutputTarget,
  site: SiteOptions,
  store: Store,
  options: { dryRun: boolean },
): SiteImages | undefined {
  const folder = siteImageFolder(loaded, target, options);
  if (folder === undefined || target.images === undefined) return undefined;
  return {
    folder,
    processor: {
      records: store.images,
      folder,
      urlPath: imageUrlPath(target.images, site),
      maxDownloadsPerRun: imageDownloadsPerRun(loaded.config),
    },
  };
}

/** The site's image folder (see siteImages), on disk or, for a dry run, in memory. */
export function siteImageFolder(
  loaded: LoadedConfig,
  target: OutputTarget,
  options: { dryRun: boolean },
): ImageFolder | undefined {
  if (target.images === undefined) return undefined;
  const root = join(loaded.siteRoot, ...target.images.dir.split('/'));
  return options.dryRun
    ? createMemoryImageFolder((file) => existsSync(join(root, file)))
    : createImageFolder(root, createPostWriter(root, { fsync: loaded.config.fsync }), TEMPORARY_SUFFIX);
}

/** The URL path posts name local images by: the site's root and the target's image path. */
export function imageUrlPath(images: NonNullable<OutputTarget['images']>, site: SiteOptions): string {
  // Written into posts as is: keep it to characters that need no escaping.
  return percentEncode(encodeURI(`${site.root ?? '/'}${images.path}`), /['()]/g);
}

/** Deletes the site's local images no post uses any more (after the run's posts and pruning are committed). */
export function collectSiteImages(
  images: SiteImages | undefined,
  store: Store,
  postsRoot: string,
): Promise<GarbageReport> | undefined {
  if (images === undefined) return undefined;
  return collectImageGarbage(store.images, images.folder, postTextReader(postsRoot));
}

/** Reads a post's text by its path in the state (relative, `/`-separated); undefined when it is gone. */
export function postTextReader(postsRoot: string): (postPath: string) => string | undefined {
  return (postPath) => {
    try {
      return readFileSync(join(postsRoot, ...postPath.split('/')), 'utf8');
    } catch {
      return undefined;
    }
  };
}
