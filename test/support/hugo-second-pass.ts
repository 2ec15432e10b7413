import { Parser } from 'htmlparser2';

// The Hugo renderer's former second pass over the clean stage's plain HTML, as it was when the
// clean stage learnt to write Hugo's form itself (src/render/hugo/hugo-markup.ts): kept only as
// the reference that writer is held to, byte for byte (hugo-markup-equivalence.test.ts).

const BRACE_REFERENCES: Record<string, string> = { '{': '&#123;', '}': '&#125;' };

/**
 * Makes a cleaned HTML body safe in a Hugo content file, where `{{<` and `{{%` open shortcodes
 * (a feed's `{{< x >}}` would fail the whole build, or run a shortcode). Braces in text,
 * attribute values and comments become character references, which read the same; inside a
 * kept `<style>` (raw text, where references are not decoded) `{{` is split by a space, which
 * CSS ignores. The string is tokenized by htmlparser2 to find the raw text, never matched by pattern.
 */
export function hugoSecondPass(html: string): string {
  if (!html.includes('{') && !html.includes('}')) return html;
  const rawText: Array<[number, number]> = [];
  let styleDepth = 0;
  const parser = new Parser(
    {
      onopentagname: (name) => {
        if (name === 'style') styleDepth++;
      },
      onclosetag: (name) => {
        if (name === 'style' && styleDepth > 0) styleDepth--;
      },
      ontext: () => {
        if (styleDepth > 0) rawText.push([parser.startIndex, parser.endIndex + 1]);
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  let out = '';
  let at = 0;
  const escapeBraces = (part: string) => part.replace(/[{}]/g, (brace) => BRACE_REFERENCES[brace]!);
  for (const [start, end] of rawText) {
    out += escapeBraces(html.slice(at, start));
    out += html.slice(start, end).replace(/\{(?=\{)/g, '{ ');
    at = end;
  }
  return out + escapeBraces(html.slice(at));
}
