import { isComment, isTag, isText } from 'domhandler';
import type { CleanPass } from './clean-pass.ts';
import { Verdict } from './filter-nodes.ts';
import { LAZY_SOURCE_ATTRIBUTES, LAZY_SRCSET_ATTRIBUTES } from './image-policy.ts';
import type { SanitizePolicy } from './sanitize-policy.ts';
import { sanitizeStyle } from './sanitize-style.ts';

// svg and math go whatever the policy says: their content is parsed as foreign markup (no raw
// text, CDATA), which the HTML serializer cannot write safely.
const FOREIGN_ROOTS = new Set(['svg', 'math']);

/** What the policy says about one element name, looked up once per policy and name. */
interface ElementRule {
  verdict: Verdict;
  /** Global and per-element attributes, merged. */
  allowed: ReadonlySet<string>;
  /** The attributes any pass reads once the allowlist ran: the allowed ones, lazy-loading ones on images. */
  read: ReadonlySet<string> | null;
}

// A cache derived from each (immutable) policy object, not shared state; bounded, since feeds
// may use any number of made-up element names.
const RULES = new WeakMap<SanitizePolicy, Map<string, ElementRule>>();
const MAX_CACHED_NAMES = 1000;

/** The rule lookup of `policy`: what it says about an element name. */
function rulesOf(policy: SanitizePolicy): (name: string) => ElementRule {
  let rules = RULES.get(policy);
  if (rules === undefined) {
    rules = new Map();
    RULES.set(policy, rules);
  }
  const cache = rules;
  return (name) => {
    let rule = cache.get(name);
    if (rule === undefined) {
      rule = ruleOf(policy, name);
      if (cache.size < MAX_CACHED_NAMES) cache.set(name, rule);
    }
    return rule;
  };
}

function ruleOf(policy: SanitizePolicy, name: string): ElementRule {
  const verdict =
    policy.dropWithContent.has(name) || FOREIGN_ROOTS.has(name)
      ? Verdict.Drop
      : policy.elements.has(name)
        ? Verdict.Keep
        : Verdict.Unwrap;
  const allowed = new Set([...policy.globalAttributes, ...(policy.attributes[name] ?? [])]);
  const read =
    verdict !== Verdict.Keep
      ? null
      : name === 'img'
        ? new Set([...allowed, ...LAZY_SOURCE_ATTRIBUTES, ...LAZY_SRCSET_ATTRIBUTES])
        : allowed;
  return { verdict, allowed, read };
}

/**
 * The allowlist (sanitize-policy.ts): elements kept, unwrapped (children stay) or dropped with
 * their content; comments dropped unless kept; of a kept element's attributes only the allowed
 * ones, `style` filtered, `target` checked, `rel` forced on new-window links. URL values are
 * judged by the next pass, once absolute.
 */
export const sanitizeTree: CleanPass = (_root, { policy, keepStyle, keepComments }) => {
  const rules = rulesOf(policy);
  return (node) => {
    if (isText(node)) return Verdict.Keep;
    if (!isTag(node)) return isComment(node) && keepComments ? Verdict.Keep : Verdict.Drop;
    if (node.name === 'style' && keepStyle) {
      node.attribs = {};
      return Verdict.Keep;
    }
    const rule = rules(node.name);
    if (rule.verdict === Verdict.Keep)
      node.attribs = keptAttributes(node.name, node.attribs, rule.allowed, policy);
    return rule.verdict;
  };
};

/**
 * The attributes of each element that the passes after the selectors read (null: none,
 * the element does not stay), so the parser can skip the others: only when no selector runs.
 */
export function attributesRead(
  policy: SanitizePolicy,
  keepStyle: boolean,
): (name: string) => ReadonlySet<string> | null {
  const rules = rulesOf(policy);
  return (name) => (name === 'style' && keepStyle ? null : rules(name).read);
}

function keptAttributes(
  name: string,
  attributes: Record<string, string>,
  allowed: ReadonlySet<string>,
  policy: SanitizePolicy,
): Record<string, string> {
  const kept: Record<string, string> = {};
  // Attribute names arrive lower-case (htmlparser2 in HTML mode).
  for (const attribute in attributes) {
    if (!allowed.has(attribute) || attribute === 'rel') continue;
    const value = attributes[attribute]!;
    if (attribute === 'style') {
      const style = sanitizeStyle(value, policy.styleProperties);
      if (style !== undefined) kept[attribute] = style;
    } else if (attribute === 'target') {
      const target = value.trim().toLowerCase();
      if (policy.targets.has(target)) kept[attribute] = target;
    } else kept[attribute] = value;
  }
  if (name === 'a' && kept.target === '_blank') kept.rel = 'noopener noreferrer';
  else if (name === 'a' && attributes.rel !== undefined && allowed.has('rel')) kept.rel = attributes.rel;
  return kept;
}
