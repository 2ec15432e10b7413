import { createHash } from 'node:crypto';
import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';

/** Plain text from a title that may hold markup or entities: tags stripped, whitespace folded. */
export function plainText(value: string | undefined): string {
  if (!value) return '';
  let text = value;
  if (text.includes('<')) {
    let out = '';
    const parser = new Parser(
      {
        ontext(data) {
          out += data;
        },
      },
      { decodeEntities: true },
    );
    parser.end(text);
    text = out;
  } else if (text.includes('&')) {
    text = decodeHTML(text);
  }
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes text for inclusion in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Resolves a possibly relative URL; returns undefined for unusable values. */
export function resolveUrl(value: string | undefined, base: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  const candidate = trimmed.startsWith('//') ? `https:${trimmed}` : trimmed;
  if (URL.canParse(candidate)) return new URL(candidate).href;
  // Only web URLs are bases: a local file path gives relative links no meaning.
  if (base && /^https?:/i.test(base) && URL.canParse(candidate, base)) return new URL(candidate, base).href;
  return undefined;
}

/** A short stable hash used as an id of last resort. */
export function shortHash(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex').slice(0, 16);
}
