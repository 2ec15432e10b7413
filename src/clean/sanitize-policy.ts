/**
 * The sanitizer's allowlist as data: which elements stay, which attributes each may carry and
 * which URL schemes each URL attribute accepts. Everything not listed is removed; the code in
 * sanitize-tree.ts only interprets this table.
 */
export interface SanitizePolicy {
  /**
   * Elements kept (with their allowed attributes). Unlisted elements are unwrapped: children stay.
   * svg and math are never kept: their content is not HTML (see sanitize-tree.ts).
   */
  elements: ReadonlySet<string>;
  /** Elements removed together with everything inside them. */
  dropWithContent: ReadonlySet<string>;
  /** Attributes allowed on every kept element. */
  globalAttributes: ReadonlySet<string>;
  /** Extra attributes allowed per element. */
  attributes: Readonly<Record<string, ReadonlySet<string>>>;
  /** URL-valued attributes and the schemes each accepts (after making the URL absolute). */
  urlSchemes: Readonly<Record<string, ReadonlySet<string>>>;
  /** `data:` media types allowed in image sources (raster images only: SVG can carry script). */
  imageDataTypes: ReadonlySet<string>;
  /** CSS properties a `style` attribute may keep (values are checked too, see sanitize-style.ts). */
  styleProperties: ReadonlySet<string>;
  /** Link targets allowed; anything else (`_top`, `_parent`, named frames) is removed. */
  targets: ReadonlySet<string>;
}

const set = (...values: string[]): ReadonlySet<string> => new Set(values);

const WEB = set('http:', 'https:');

/** The default policy: what a feed body needs to show text, links, images, media and tables. */
export const DEFAULT_POLICY: SanitizePolicy = {
  elements: set(
    'a',
    'abbr',
    'address',
    'article',
    'aside',
    'audio',
    'b',
    'bdi',
    'blockquote',
    'br',
    'caption',
    'cite',
    'code',
    'col',
    'colgroup',
    'dd',
    'del',
    'details',
    'dfn',
    'div',
    'dl',
    'dt',
    'em',
    'figcaption',
    'figure',
    'footer',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'header',
    'hr',
    'i',
    'iframe',
    'img',
    'ins',
    'kbd',
    'li',
    'main',
    'mark',
    'ol',
    'p',
    'picture',
    'pre',
    'q',
    'rp',
    'rt',
    'ruby',
    's',
    'samp',
    'section',
    'small',
    'source',
    'span',
    'strong',
    'sub',
    'summary',
    'sup',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'time',
    'tr',
    'track',
    'u',
    'ul',
    'var',
    'video',
    'wbr',
  ),
  dropWithContent: set(
    'script',
    'style',
    'noscript',
    'noembed',
    'noframes',
    'template',
    'frame',
    'frameset',
    // object and applet are not here: their content is what a browser shows in their place
    // (fallback), so they are unwrapped like any unlisted element; nor is form, whose content
    // a browser shows, and which an unclosed tag stretches to the end of the body.
    'embed',
    'param',
    'meta',
    'base',
    'link',
    'input',
    'button',
    'select',
    'option',
    'optgroup',
    'datalist',
    'textarea',
    'keygen',
    'output',
    'svg',
    'math',
    'title',
    'head',
    'xmp',
    'plaintext',
    'listing',
    'canvas',
    'dialog',
    'portal',
    'slot',
  ),
  globalAttributes: set('class', 'id', 'title', 'lang', 'dir', 'style', 'align'),
  attributes: {
    a: set('href', 'name', 'target', 'rel'),
    img: set('src', 'srcset', 'sizes', 'alt', 'width', 'height'),
    source: set('src', 'srcset', 'sizes', 'type', 'media'),
    video: set('src', 'poster', 'controls', 'width', 'height', 'loop', 'muted', 'playsinline', 'preload'),
    audio: set('src', 'controls', 'loop', 'muted', 'preload'),
    track: set('src', 'kind', 'srclang', 'label', 'default'),
    // referrerpolicy: embedded players refuse to play without the page's origin as referrer.
    iframe: set(
      'src',
      'width',
      'height',
      'allowfullscreen',
      'frameborder',
      'allow',
      'loading',
      'referrerpolicy',
    ),
    blockquote: set('cite'),
    q: set('cite'),
    del: set('cite', 'datetime'),
    ins: set('cite', 'datetime'),
    time: set('datetime'),
    td: set('colspan', 'rowspan', 'headers'),
    th: set('colspan', 'rowspan', 'headers', 'scope'),
    col: set('span', 'width'),
    colgroup: set('span', 'width'),
    ol: set('start', 'reversed', 'type'),
    li: set('value'),
    details: set('open'),
  },
  urlSchemes: {
    href: set('http:', 'https:', 'mailto:', 'tel:'),
    src: WEB,
    srcset: WEB,
    poster: WEB,
    cite: WEB,
  },
  imageDataTypes: set('image/png', 'image/gif', 'image/jpeg', 'image/jpg', 'image/webp', 'image/avif'),
  styleProperties: set(
    'color',
    'background-color',
    'font-weight',
    'font-style',
    'font-size',
    'font-family',
    'text-align',
    'text-decoration',
    'text-indent',
    'line-height',
    'letter-spacing',
    'vertical-align',
    'white-space',
    'width',
    'max-width',
    'height',
    'max-height',
    'margin',
    'margin-top',
    'margin-bottom',
    'margin-left',
    'margin-right',
    'padding',
    'padding-top',
    'padding-bottom',
    'padding-left',
    'padding-right',
    'border',
    'border-collapse',
    'display',
    'float',
    'clear',
  ),
  targets: set('_blank', '_self'),
};
