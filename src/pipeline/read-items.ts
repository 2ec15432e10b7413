import type { Subscription } from '../model.ts';
import { type FeedBody, takeBytes } from './feed-body.ts';
import { type ReadItems, type ReadItemsInput, readItemsNow } from './read-items-now.ts';
import { readItemsOffThread } from './read-items-off-thread.ts';

export type { ReadItems, ReadItemsInput } from './read-items-now.ts';

/**
 * Bodies from this size on are read in a worker thread. A big document's memory (its bytes,
 * the decoded text that every parsed string is a slice of, the items left out by `limit`) is
 * then freed all at once when the worker ends, instead of waiting in the run's heap for a full
 * garbage collection that V8 schedules by the heap's size at its last one: a 50 MB feed read
 * in the run's own thread held ~100 MB of such garbage while its items were written.
 */
export const OFF_THREAD_BYTES = 4 * 1024 * 1024;

/**
 * Parse and normalize: the stages between fetch and retention. Only the feed's own fields and
 * the kept items come out, so the body and the parse can be freed before the items are
 * processed. Big bodies are read in a worker thread (OFF_THREAD_BYTES).
 */
export async function readItems(body: FeedBody, input: ReadItemsInput): Promise<ReadItems> {
  if ((body.bytes?.length ?? 0) >= OFF_THREAD_BYTES) return readItemsOffThread(takeBytes(body), input);
  return readItemsNow(body, input);
}

/** What reading a body needs of a subscription (all a worker is sent for a big body). */
export function readingFacts(subscription: Subscription): ReadItemsInput['subscription'] {
  const { name, source, categories, limit, timezone, author } = subscription;
  return { name, source, categories, limit, timezone, ...(author === undefined ? {} : { author }) };
}
