import type { FilterField, Item } from '../../model.ts';
import { plainText } from '../../parse/index.ts';

/**
 * Each field is cut to this many characters before rules see it: the body of a full article is
 * far shorter, and a bound keeps every match's cost bounded by the pattern alone.
 */
export const MAX_FIELD_CHARS = 100_000;

/** The texts of an item that filter rules look at, per field; the body is read only when asked. */
export interface ItemFields {
  texts(field: FilterField): readonly string[];
}

/** An item's fields as filter rules see them: several authors or categories are several texts. */
export function itemFields(item: Item): ItemFields {
  let content: string[] | undefined;
  const bounded = (texts: readonly string[]) => texts.map((text) => text.slice(0, MAX_FIELD_CHARS));
  return {
    texts(field) {
      switch (field) {
        case 'title':
          return bounded([item.title]);
        case 'content':
          content ??= bounded([plainText(item.html)]);
          return content;
        case 'author':
          return bounded(item.authors);
        case 'category':
          return bounded(item.tags);
        case 'link':
          return item.url === undefined ? [] : bounded([item.url]);
      }
    },
  };
}
