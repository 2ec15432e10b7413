import type { Item, Subscription } from '../../model.ts';
import type { ItemProcessor } from '../item-processor.ts';
import { mediaMarkup } from './media-html.ts';
import { EMBED_HOSTS } from './video-embed.ts';

/** The media processor's name (in reports and the processor cache). */
export const MEDIA = 'media';

/**
 * Adds players, embeds and galleries for each item's media to its body (see mediaMarkup), before
 * clean, so that they are sanitized like the feed's own HTML. Pure: nothing is fetched.
 */
export function createMediaProcessor(): ItemProcessor {
  return {
    name: MEDIA,
    process(items, context) {
      const hosts = (context.subscription.post?.iframeHosts ?? EMBED_HOSTS).map((host) => host.toLowerCase());
      return items.map((item) => {
        const { before, after } = mediaMarkup(item, hosts);
        return before || after ? { ...item, html: before + item.html + after } : item;
      });
    },
  };
}

/** The feed's media processor, unless `media: false` turned it off. */
export function mediaProcessorFor(subscription: Subscription): ItemProcessor<Item> | undefined {
  return subscription.post?.media === false ? undefined : createMediaProcessor();
}
