import { createRequire } from 'node:module';
import type TurndownService from 'turndown';
import { addSafeMarkdownRules, inlineHtml } from './markdown-safe-rules.ts';

let service: TurndownService | undefined;

const MARKDOWN_TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '{': '&#123;',
  '}': '&#125;',
};

function turndown(): TurndownService {
  if (service) return service;
  // Loaded on first use: turndown brings a DOM implementation (~50 ms) most runs never need.
  const Turndown = createRequire(import.meta.url)('turndown') as typeof TurndownService;
  service = new Turndown({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
  const escapeMarkdown = service.escape.bind(service);
  // Text stays text: `<`, `>` and `&` as references (Markdown passes raw HTML through, so a
  // decoded `&lt;script&gt;` would become a real tag), braces too so Nunjucks never sees a tag.
  service.escape = (text: string) =>
    escapeMarkdown(text).replace(/[&<>{}]/g, (char) => MARKDOWN_TEXT_ESCAPES[char]!);
  // Media stay HTML: Markdown's ![](…) would lose referrerpolicy, loading and srcset. (An added
  // rule, because turndown's built-in image rule wins over `keep`.) Written on one line, braces
  // as references again (see inlineHtml).
  service.addRule('media-as-html', {
    filter: ['img', 'iframe', 'video', 'audio', 'picture'],
    replacement: (_content, node) => inlineHtml(node),
  });
  // A kept <style> (keep_style) is already one safe line with real braces: pass it as is.
  service.addRule('style-as-html', {
    filter: ['style'],
    replacement: (_content, node) => `\n\n${(node as unknown as { outerHTML: string }).outerHTML}\n\n`,
  });
  service.addRule('inline-html', {
    filter: ['sup', 'sub'],
    replacement: (_content, node) => inlineHtml(node),
  });
  addSafeMarkdownRules(service);
  return service;
}

/** Converts a cleaned HTML body to editable Markdown (turndown), for `body: markdown` feeds. */
export function markdownBody(html: string): string {
  return turndown().turndown(html);
}
