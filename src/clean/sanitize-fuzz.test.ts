import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFragment, serialize } from 'parse5';
import { sanitizeHtml } from './clean-item.ts';
import { DEFAULT_POLICY } from './sanitize-policy.ts';

// Seeded tag soup from hostile fragments: whatever order they come in, the output is harmless to
// a browser (parse5), a fixed point of the sanitizer, read by a browser as the tree it wrote, and
// the same on the streaming and the tree path.

const FRAGMENTS = [
  '<p>',
  '</p>',
  '<div>',
  '</div>',
  '<a href="javascript:alert(1)">',
  '<a href="/ok" target=_top>',
  '</a>',
  '<img src=x onerror=alert(1)>',
  '<img data-src="//c.example/i.jpg" src="data:image/gif;base64,R0l">',
  '<svg>',
  '</svg>',
  '<math>',
  '<mtext>',
  '<mglyph>',
  '</math>',
  '<style>',
  '</style>',
  '<script>',
  '</script>',
  '<noscript>',
  '</noscript>',
  '<textarea>',
  '</textarea>',
  '<title>',
  '</title>',
  '<xmp>',
  '</xmp>',
  '<iframe>',
  '</iframe>',
  '<template>',
  '</template>',
  '<table>',
  '<tr>',
  '<td>',
  '</table>',
  '<form>',
  '</form>',
  '<select>',
  '<option>',
  '<!--',
  '-->',
  '--!>',
  '<!-->',
  '<![CDATA[',
  ']]>',
  '"',
  "'",
  '>',
  '<',
  '&lt;',
  '&amp;',
  '&#x6A;avascript:',
  '{{',
  '}}',
  '{%',
  '%}',
  '{#',
  '`',
  '~~~',
  '\n',
  '\n\n    ',
  '\t',
  ' ',
  'text',
  '中文',
  '<pre>',
  '</pre>',
  '<br>',
  '</br>',
  '<li>',
  '<ul>',
  '</ul>',
  '<b>',
  '</b>',
  '<i>',
  '</i>',
  '<em>',
  '<h2>',
  '</h2>',
  '<p title="',
  '" onclick="x">',
  '<img src="',
  '<a href="',
  '" style="background:url(x)">',
  '<!DOCTYPE html>',
  '<?xml x?>',
  '<frameset>',
];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

type Node = {
  nodeName: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
};

function dangers(node: Node, found: string[] = []): string[] {
  if (!node.nodeName.startsWith('#') && !DEFAULT_POLICY.elements.has(node.nodeName))
    found.push(node.nodeName);
  for (const { name, value } of node.attrs ?? []) {
    if (name.startsWith('on') || name === 'srcdoc') found.push(name);
    const isUrl = ['href', 'src', 'srcset', 'poster', 'cite', 'action', 'formaction', 'data'].includes(name);
    if (isUrl && /^\s*(?:javascript|vbscript|file):/i.test(value.replace(/[\u0000-\u001f]/g, '')))
      found.push(value);
    if (name === 'style' && /url\(|expression|position/i.test(value)) found.push(value);
  }
  for (const child of node.childNodes ?? []) dangers(child, found);
  return found;
}

test('random hostile tag soup: harmless, idempotent, read by browsers as written, same on both paths', () => {
  const random = seeded(4);
  const options = { bases: ['https://news.example/a/b.html'] };
  for (let round = 0; round < 400; round++) {
    let html = '';
    const length = 5 + Math.floor(random() * 40);
    for (let index = 0; index < length; index++) html += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)];
    const once = sanitizeHtml(html, options).html;
    assert.deepEqual(dangers(parseFragment(once) as unknown as Node), [], `${html}\n→ ${once}`);
    assert.equal(sanitizeHtml(once, options).html, once, `not idempotent: ${html}`);
    // A browser's parse → serialize → parse of the output is stable (no mutation XSS), and
    // what it reads, sanitized again, is the output: the tree feedmill meant.
    const serialized = serialize(parseFragment(once));
    assert.equal(serialize(parseFragment(serialized)), serialized, `browser parse unstable: ${html}`);
    const browser = sanitizeHtml(serialized, options).html;
    assert.equal(browser, once, `browser reads another tree: ${html}`);
    assert.equal(sanitizeHtml(html, { ...options, remove: ['.none'] }).html, once, `paths differ: ${html}`);
    for (const line of once.split('\n')) assert.match(line, /^(?:$|[^\s])/, `indented line: ${html}`);
    assert.doesNotMatch(once, /\n\s*\n/, `blank line: ${html}`);
  }
});
