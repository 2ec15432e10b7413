// Checks on built pages (parse5 trees) shared by the Hexo and Hugo build matrices.

/** A parse5 node, as much of it as the checks read. */
export interface PageNode {
  nodeName: string;
  value?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: PageNode[];
  content?: PageNode;
}

/** The first element carrying `className`, depth first. */
export function findByClass(node: PageNode, className: string): PageNode | undefined {
  const classes = node.attrs?.find((attribute) => attribute.name === 'class')?.value.split(/\s+/) ?? [];
  if (classes.includes(className)) return node;
  for (const child of node.childNodes ?? []) {
    const found = findByClass(child, className);
    if (found) return found;
  }
  return undefined;
}

const BLOCKS = new Set(
  'p div br li ul ol tr td th table pre blockquote figure figcaption section article h1 h2 h3 h4 h5 h6 hr dl dt dd'.split(
    ' ',
  ),
);

/** The text a reader sees in a node, block boundaries as spaces. */
export function textOf(node: PageNode | undefined): string {
  if (!node) return '';
  if (node.nodeName === '#text') return node.value ?? '';
  if (node.nodeName === 'script' || node.nodeName === 'style') return '';
  const inner = (node.childNodes ?? []).map(textOf).join('');
  // Block boundaries separate words on screen, as innerText does.
  return BLOCKS.has(node.nodeName) ? ` ${inner} ` : inner;
}

/** Whitespace runs folded to one space, trimmed. */
export const fold = (text: string) => text.replace(/[ \t\r\n\f]+/g, ' ').trim();

/** What would run or leak in a browser: scripts, handlers, dangerous URLs, frames, forms. */
export function dangers(node: PageNode, found: string[] = []): string[] {
  const name = node.nodeName;
  if (
    ['script', 'iframe', 'object', 'embed', 'form', 'base', 'svg', 'math', 'frame', 'noscript'].includes(name)
  )
    found.push(`<${name}>`);
  if (name === 'meta' && node.attrs?.some((attribute) => attribute.name === 'http-equiv'))
    found.push('meta refresh');
  for (const { name: attribute, value } of node.attrs ?? []) {
    const url = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
    if (attribute.startsWith('on') || attribute === 'srcdoc') found.push(`${name}[${attribute}]`);
    if (/^(?:javascript|vbscript|file|data(?!:image\/(?:png|gif|jpe?g|webp|avif)[;,])):/.test(url))
      found.push(`${name}[${attribute}=${value}]`);
    if (attribute === 'srcset' && /javascript:/i.test(value)) found.push(`${name}[srcset]`);
    if (attribute === 'style' && /url\(|expression|position/i.test(value))
      found.push(`${name}[style=${value}]`);
    if (attribute === 'target' && value !== '_blank') found.push(`${name}[target=${value}]`);
  }
  for (const child of node.childNodes ?? []) dangers(child, found);
  if (node.content) dangers(node.content, found);
  return found;
}
