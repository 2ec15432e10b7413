import { Parser } from 'htmlparser2';

/** What a body already shows: the URLs of its media and images, and the players it embeds. */
export interface BodyMedia {
  urls: ReadonlySet<string>;
  /** The `src` of each iframe and embed, resolved against the base. */
  frames: readonly string[];
}

const SOURCE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  img: ['src', 'data-src', 'data-original'],
  audio: ['src'],
  video: ['src', 'poster'],
  source: ['src'],
  iframe: ['src'],
  embed: ['src'],
  a: ['href'],
};

/**
 * Reads a body's elements (htmlparser2's tokenizer, so markup is never matched as text) for the
 * media it already has, so that a file the feed's HTML shows is not added a second time.
 * URLs are compared as written and as resolved against `base`.
 */
export function bodyMedia(html: string, base: string | undefined): BodyMedia {
  const urls = new Set<string>();
  const frames: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const names = SOURCE_ATTRIBUTES[name];
        if (names === undefined) return;
        const frame = name === 'iframe' || name === 'embed' ? attributes.src?.trim() : undefined;
        if (frame && base && URL.canParse(frame, base)) frames.push(new URL(frame, base).href);
        else if (frame && URL.canParse(frame)) frames.push(new URL(frame).href);
        for (const attribute of names) {
          const value = attributes[attribute]?.trim();
          if (!value) continue;
          urls.add(value);
          if (base && URL.canParse(value, base)) urls.add(new URL(value, base).href);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { urls, frames };
}
