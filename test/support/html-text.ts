import { Parser } from 'htmlparser2';

/** What a reader sees of an HTML fragment: text outside script/style, whitespace folded. */
export function visibleText(html: string): string {
  let text = '';
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'script' || name === 'style') hidden++;
      },
      onclosetag(name) {
        if ((name === 'script' || name === 'style') && hidden > 0) hidden--;
      },
      ontext(data) {
        if (hidden === 0) text += data;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return text.replace(/[ \t\r\n\f]+/g, ' ').trim();
}

/** Every <img> of an HTML fragment with its attributes, in document order. */
export function imagesOf(html: string): Array<Record<string, string>> {
  const images: Array<Record<string, string>> = [];
  const parser = new Parser(
    { onopentag: (name, attributes) => name === 'img' && images.push(attributes) },
    { decodeEntities: true },
  );
  parser.end(html);
  return images;
}
