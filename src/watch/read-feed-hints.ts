import { Parser } from 'htmlparser2';

/** RSS 2.0 channel hints for aggregators. */
export interface FeedHints {
  ttlMinutes?: number;
  skipHours?: number[];
  skipDays?: string[];
}

/**
 * Reads `<ttl>`, `<skipHours><hour>` and `<skipDays><day>` of an RSS 2.0 channel with the XML
 * tokenizer (the parse stage's canonical model has no place for them). Other formats: none.
 */
export function readFeedHints(body: Uint8Array): FeedHints {
  const hints: FeedHints = {};
  const path: string[] = [];
  let text = '';
  const parser = new Parser(
    {
      onopentag(name) {
        path.push(name.toLowerCase());
        text = '';
      },
      ontext(data) {
        text += data;
      },
      onclosetag() {
        const where = path.join('/');
        const value = text.trim();
        if (where === 'rss/channel/ttl' && /^\d+$/.test(value)) hints.ttlMinutes = Number(value);
        else if (where === 'rss/channel/skiphours/hour' && /^\d+$/.test(value)) {
          const hour = Number(value) % 24; // RSS 2.0 allows 0-23; some feeds write 24 for midnight
          hints.skipHours = [...(hints.skipHours ?? []), hour];
        } else if (where === 'rss/channel/skipdays/day' && value)
          hints.skipDays = [...(hints.skipDays ?? []), value];
        path.pop();
        text = '';
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  // The markup and values are ASCII, so a UTF-8 view reads them in any ASCII-compatible charset.
  parser.end(new TextDecoder('utf-8').decode(body));
  return hints;
}
