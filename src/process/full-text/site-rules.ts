/**
 * Built-in extraction rules for sites whose pages Readability reads poorly, keyed by host: a
 * rule for `example.com` also covers its subdomains, and the longest matching host wins. To add a
 * site, add one entry; a feed's own `full_text: { selector }` always wins over these.
 */

/** Where a site's article is (`selector`, every match in order) and what inside it is furniture. */
export interface SiteRule {
  selector: string;
  remove?: readonly string[];
}

/** The built-in rules, as data. */
export const SITE_RULES: Readonly<Record<string, SiteRule>> = {
  // Sina news and finance articles: the body is #artibody, with QR code and app-download boxes.
  'sina.com.cn': { selector: '#artibody', remove: ['.appendQr_wrap', '.app-kaihu-qr', '.article-notice'] },
  'cbc.ca': { selector: '.story-content' },
  'lemonde.fr': { selector: 'div#articleBody' },
  'phoronix.com': { selector: 'div.content' },
};
