import type { JsonFeedItem } from '../model.ts';

/**
 * True for an item that carries nothing a post could be made of: no id, link, title, content,
 * summary, attachment or image (an empty `<item></item>`). Readers drop such items.
 */
export function isEmptyItem(item: JsonFeedItem): boolean {
  return (
    !item.id &&
    !item.url &&
    !item.external_url &&
    !item.title &&
    !item.content_html &&
    !item.content_text &&
    !item.summary &&
    !item.attachments &&
    !item.image
  );
}

/** The diagnostic for a dropped empty item. */
export const EMPTY_ITEM_DIAGNOSTIC = {
  code: 'empty-item',
  message: 'an item with no title, link, id, content or enclosure was dropped',
} as const;
