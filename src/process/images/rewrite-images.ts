import { Parser } from 'htmlparser2';
import { escapeHtmlAttribute } from '../../escape-html.ts';
import { formatSrcset, parseSrcset } from '../../srcset.ts';

/** The images a cleaned body shows, as {@link findImages} reads them. */
export interface BodyImages {
  /** Image URLs in document order, each once: `<img src>` and `<video poster>`. */
  urls: string[];
  /** For each `<picture>` in order, the `src` of its `<img>` (undefined when it has none). */
  pictures: (string | undefined)[];
}

/** How {@link rewriteImages} changes the images of a body. */
export interface ImageRewrite {
  /** The new address of an image URL, or undefined to leave it as it is. */
  replace(url: string): string | undefined;
  /**
   * `rewrite`: every `srcset` candidate goes through `replace` too (a proxy). `drop`: an `<img>`
   * whose `src` was replaced loses `srcset` and `sizes`, and the `<source>`s of its `<picture>`
   * go, so that browsers show the replaced source rather than a remote variant (local copies).
   */
  responsive: 'rewrite' | 'drop';
}

interface TagEvents {
  tag(name: string, start: number, end: number): void;
  attribute(name: string, value: string, start: number, end: number): void;
  close(name: string): void;
}

/** Runs htmlparser2's tokenizer over `html`, reporting tags and attributes with their offsets. */
function scanTags(html: string, events: TagEvents): void {
  const parser: Parser = new Parser(
    {
      onattribute(name, value) {
        // startIndex is the attribute name's first character; endIndex the one after its value.
        events.attribute(name, value, parser.startIndex, parser.endIndex);
      },
      onopentag(name) {
        events.tag(name, parser.startIndex, parser.endIndex + 1);
      },
      onclosetag(name) {
        events.close(name);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
}

/** The images of a body, read as a tag stream (never with patterns over the markup). */
export function findImages(body: string): BodyImages {
  const urls = new Set<string>();
  const pictures: (string | undefined)[] = [];
  let picture = -1;
  let attributes = new Map<string, string>();
  scanTags(body, {
    attribute(name, value) {
      attributes.set(name, value);
    },
    tag(name) {
      const src = attributes.get('src')?.trim();
      if (name === 'img' && src) {
        urls.add(src);
        if (picture >= 0 && pictures[picture] === undefined) pictures[picture] = src;
      } else if (name === 'video') {
        const poster = attributes.get('poster')?.trim();
        if (poster) urls.add(poster);
      } else if (name === 'picture') {
        pictures.push(undefined);
        picture = pictures.length - 1;
      }
      attributes = new Map();
    },
    close(name) {
      if (name === 'picture') picture = -1;
    },
  });
  return { urls: [...urls], pictures };
}

/**
 * Rewrites image addresses in a cleaned body, splicing only the attributes it changes (the rest
 * of the markup, and its escaping, stays byte for byte). `images` is {@link findImages} of `body`.
 */
export function rewriteImages(body: string, images: BodyImages, rewrite: ImageRewrite): string {
  const edits: { start: number; end: number; text: string }[] = [];
  let pending: { name: string; value: string; start: number; end: number }[] = [];
  let pictureIndex = -1;
  let inPicture = false;
  const pictureLocal = () =>
    inPicture && rewrite.responsive === 'drop' && replaced(images.pictures[pictureIndex]) !== undefined;
  const replaced = (url: string | undefined) => (url === undefined ? undefined : rewrite.replace(url.trim()));
  const setValue = (attribute: (typeof pending)[number], value: string) =>
    edits.push({
      start: attribute.start,
      end: attribute.end,
      text: `${attribute.name}="${escapeValue(value)}"`,
    });
  const remove = (attribute: (typeof pending)[number]) => {
    // Take the whitespace before the attribute too, so no double space is left.
    let start = attribute.start;
    while (start > 0 && /\s/.test(body[start - 1]!)) start--;
    edits.push({ start, end: attribute.end, text: '' });
  };
  const rewriteSrcset = (attribute: (typeof pending)[number]) => {
    const candidates = parseSrcset(attribute.value);
    let changed = false;
    for (const candidate of candidates) {
      const url = rewrite.replace(candidate.url);
      if (url !== undefined) {
        candidate.url = url;
        changed = true;
      }
    }
    if (changed) setValue(attribute, formatSrcset(candidates));
  };
  scanTags(body, {
    attribute(name, value, start, end) {
      pending.push({ name, value, start, end });
    },
    tag(name, start, end) {
      const attributes = pending;
      pending = [];
      if (name === 'picture') {
        pictureIndex++;
        inPicture = true;
      } else if (name === 'img') {
        const src = attributes.find((attribute) => attribute.name === 'src');
        const url = replaced(src?.value);
        if (src && url !== undefined) setValue(src, url);
        for (const attribute of attributes) {
          if (attribute.name !== 'srcset' && attribute.name !== 'sizes') continue;
          if (rewrite.responsive === 'drop') {
            if (url !== undefined) remove(attribute);
          } else if (attribute.name === 'srcset') rewriteSrcset(attribute);
        }
      } else if (name === 'source' && inPicture) {
        if (pictureLocal()) edits.push({ start, end, text: '' });
        else if (rewrite.responsive === 'rewrite')
          for (const attribute of attributes) {
            if (attribute.name === 'srcset') rewriteSrcset(attribute);
            else if (attribute.name === 'src') {
              const url = replaced(attribute.value);
              if (url !== undefined) setValue(attribute, url);
            }
          }
      } else if (name === 'video') {
        const poster = attributes.find((attribute) => attribute.name === 'poster');
        const url = replaced(poster?.value);
        if (poster && url !== undefined) setValue(poster, url);
      }
    },
    close(name) {
      if (name === 'picture') inPicture = false;
    },
  });
  if (edits.length === 0) return body;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    if (edit.start < at) continue;
    out += body.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + body.slice(at);
}

/**
 * An attribute value as the cleaned body writes them: `&` and `"` escaped, and `{ } ` ~ < >` as
 * character references, so that Nunjucks and Markdown renderers pass the value through.
 */
function escapeValue(value: string): string {
  return escapeHtmlAttribute(value).replace(/[{}`~<>]/g, (char) => `&#${char.charCodeAt(0)};`);
}
