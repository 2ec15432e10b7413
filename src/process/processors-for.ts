import type { Subscription } from '../model.ts';
import { createFilterProcessor, createRegexRunner, type RegexRunner } from './filter/index.ts';
import { createFullTextProcessor } from './full-text/index.ts';
import { createImagesProcessor, type ImagesProcessorOptions } from './images/index.ts';
import type { CleanItemProcessor, ItemProcessor } from './item-processor.ts';
import { mediaProcessorFor } from './media/index.ts';

/** What processors share across the feeds of one run; close it when the run ends. */
export interface ProcessorScope {
  /** Runs the filters' regular expressions off the main thread, under a deadline. */
  readonly regex: RegexRunner;
  /** Proxies or copies images; one for the run, so its download cap and in-flight downloads are shared. */
  readonly images: CleanItemProcessor;
  close(): Promise<void>;
}

/**
 * Opens a run's processor scope; nothing in it starts until a processor needs it. `images`:
 * the site's image folder and records (without them `images: local` keeps images remote).
 */
export function openProcessorScope(images?: ImagesProcessorOptions): ProcessorScope {
  const regex = createRegexRunner();
  return { regex, images: createImagesProcessor(images), close: () => regex.close() };
}

/**
 * A feed's processors between normalize and clean, in order: filter → full text → media. The
 * filter comes first so that no article page is fetched for an item that is dropped.
 */
export function processorsFor(subscription: Subscription, scope: ProcessorScope): ItemProcessor[] {
  const chain: (ItemProcessor | undefined)[] = [
    subscription.filter ? createFilterProcessor(subscription.filter, scope.regex) : undefined,
    subscription.fullText?.kind === 'page' ? createFullTextProcessor() : undefined,
    mediaProcessorFor(subscription),
  ];
  return chain.filter((processor) => processor !== undefined);
}

/** A feed's processors after clean, on sanitized bodies, in order (images). */
export function cleanProcessorsFor(subscription: Subscription, scope: ProcessorScope): CleanItemProcessor[] {
  const chain: (CleanItemProcessor | undefined)[] = [subscription.images ? scope.images : undefined];
  return chain.filter((processor) => processor !== undefined);
}
