import { SITE_RULES, type SiteRule } from './site-rules.ts';

/**
 * The rule for a page URL's host from `rules`: the host itself, else its closest parent domain
 * listed (so `finance.sina.com.cn` uses `sina.com.cn`). Undefined for hosts with no rule.
 */
export function findSiteRule(
  url: string,
  rules: Readonly<Record<string, SiteRule>> = SITE_RULES,
): SiteRule | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  for (let name = host; name.includes('.'); name = name.slice(name.indexOf('.') + 1)) {
    if (Object.hasOwn(rules, name)) return rules[name];
  }
  return undefined;
}
