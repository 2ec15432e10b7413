import type { ChildNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';

// HTML void elements (WHATWG HTML §13.1.2): no end tag.
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const RAW_TEXT = new Set(['style']);
const PRESERVE_WHITESPACE = new Set(['pre', 'textarea', 'listing', 'plaintext']);

/**
 * Serializes a cleaned tree so that Hexo passes it through untouched: braces become character
 * references (Nunjucks never sees `{{`/`{%`), and the output has no blank line, no indented
 * line and no line starting with a code fence, so every Markdown renderer keeps it as one
 * HTML block. Whitespace is changed only where HTML rendering ignores it.
 */
export function serializeBody(nodes: readonly ChildNode[]): string {
  const out: string[] = [];
  writeNodes(nodes, out, false);
  // Raw line breaks only come from ordinary text (pre and attributes use &#10;), so folding
  // every break run here also joins breaks from adjacent text nodes into one.
  return out.join('').replace(/\n[ \t\f\r\n]*/g, '\n');
}

function writeNodes(nodes: readonly ChildNode[], out: string[], preserve: boolean): void {
  for (const node of nodes) {
    if (isText(node)) out.push(preserve ? escapePreformatted(node.data) : escapeText(node.data));
    else if (isTag(node)) writeElement(node, out, preserve);
  }
}

function writeElement(element: Element, out: string[], preserve: boolean): void {
  const name = element.name.toLowerCase();
  let open = `<${name}`;
  for (const [attribute, value] of Object.entries(element.attribs)) {
    open +=
      value === '' && attribute !== 'alt' ? ` ${attribute}` : ` ${attribute}="${escapeAttribute(value)}"`;
  }
  out.push(`${open}>`);
  if (VOID.has(name)) return;
  if (RAW_TEXT.has(name)) {
    // Kept <style>: real braces so the CSS works; newlines folded so Markdown sees one block.
    for (const child of element.children) if (isText(child)) out.push(child.data.replace(/\s*\n\s*/g, ' '));
  } else {
    writeNodes(element.children, out, preserve || PRESERVE_WHITESPACE.has(name));
  }
  out.push(`</${name}>`);
}

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '{': '&#123;',
  '}': '&#125;',
  '`': '&#96;',
  '~': '&#126;',
};

function escapeText(text: string): string {
  // A whitespace run with a line break becomes one line break: no blank or indented lines.
  return text.replace(/[&<>{}`~]/g, (char) => TEXT_ESCAPES[char]!).replace(/[ \t\f\r]*\n[ \t\f\r\n]*/g, '\n');
}

function escapePreformatted(text: string): string {
  // Inside <pre> every character counts: line breaks become references so no line starts here.
  return text.replace(/[&<>{}`~]/g, (char) => TEXT_ESCAPES[char]!).replace(/\r\n?|\n/g, '&#10;');
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\{/g, '&#123;')
    .replace(/\}/g, '&#125;')
    .replace(/\r\n?|\n/g, '&#10;');
}
