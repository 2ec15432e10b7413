import type { Subscription } from '../model.ts';
import { createFullTextProcessor } from './full-text/index.ts';
import type { CleanItemProcessor, ItemProcessor } from './item-processor.ts';
import { mediaProcessorFor } from './media/index.ts';

/**
 * A feed's processors between normalize and clean, in order: filter → full text → media. The
 * filter comes first so that no article page is fetched for an item that is dropped.
 */
export function processorsFor(subscription: Subscription): ItemProcessor[] {
  const chain: (ItemProcessor | undefined)[] = [
    subscription.fullText?.kind === 'page' ? createFullTextProcessor() : undefined,
    mediaProcessorFor(subscription),
  ];
  return chain.filter((processor) => processor !== undefined);
}

/** A feed's processors after clean, on sanitized bodies, in order (images). */
export function cleanProcessorsFor(subscription: Subscription): CleanItemProcessor[] {
  const chain: (CleanItemProcessor | undefined)[] = [];
  return chain.filter((processor) => processor !== undefined);
}
