// Plain HTML escaping for text feedmill itself puts into markup (xhtml content, summaries made
// into paragraphs). Hexo's renderer escapes post bodies further (render/hexo/hexo-safe-escape.ts):
// it also hides `{ }` and backticks from Nunjucks and Markdown, which these places do not need.

const TEXT_SPECIAL = /[&<>]/;
const ATTRIBUTE_SPECIAL = /[&"]/;

/** Escapes `&`, `<` and `>` so that text stays text inside HTML element content. */
export function escapeHtml(text: string): string {
  if (!TEXT_SPECIAL.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes `&` and `"` so that a value stays one double-quoted HTML attribute value. */
export function escapeHtmlAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
