import { FeedmillError } from '../errors.ts';
import type { PageFetcher } from './item-processor.ts';

/** A page fetcher that refuses every page, for a run or worker given none (`who` names it). */
export function refusingPageFetcher(who: string): PageFetcher {
  return {
    get: async (url) => {
      throw new FeedmillError('FETCH_REFUSED', `${url}: ${who} fetches no pages`);
    },
  };
}
