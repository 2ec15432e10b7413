import { Parser } from 'htmlparser2';

/** What a body already shows: the URLs of its media and images, and whether it embeds a player. */
export interface BodyMedia {
  urls: ReadonlySet<string>;
  hasIframe: boolean;
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
  let hasIframe = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const names = SOURCE_ATTRIBUTES[name];
        if (names === undefined) return;
        if (name === 'iframe' || name === 'embed') hasIframe = true;
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
  return { urls, hasIframe };
}
