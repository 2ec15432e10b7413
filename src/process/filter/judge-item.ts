import type { FilterBlock, FilterRule, Item } from '../../model.ts';
import { itemFields } from './item-fields.ts';
import type { RegexRunner } from './regex-runner.ts';

/** Whether an item passes a feed's rule blocks, the rule that decided, and rules that ran out of time. */
export interface Judgement {
  keep: boolean;
  reason: string;
  /** Regular expressions that ran past the deadline on this item: counted as not matching. */
  timedOut: FilterRule[];
}

/**
 * Judges an item by its rule blocks, in order: an exclude rule that matches drops it; a block
 * with include rules drops it unless one of them matches. Keywords are substrings; both kinds
 * ignore case unless the rule is case-sensitive; a rule matches when it matches any of its fields.
 */
export async function judgeItem(
  item: Item,
  blocks: readonly FilterBlock[],
  runner: RegexRunner,
): Promise<Judgement> {
  const fields = itemFields(item);
  const rules = blocks.flatMap((block) => [...block.include, ...block.exclude]);
  const textsOf = (rule: FilterRule) => rule.fields.flatMap((field) => fields.texts(field));
  const regexRules = rules.filter((rule) => rule.kind === 'regex');
  const outcomes = await runner.test(
    regexRules.map((rule) => ({
      source: rule.pattern,
      flags: rule.caseSensitive ? '' : 'i',
      texts: textsOf(rule),
    })),
  );
  const matched = new Map<FilterRule, boolean>();
  const timedOut: FilterRule[] = [];
  regexRules.forEach((rule, index) => {
    const outcome = outcomes[index];
    if (outcome === 'timeout') timedOut.push(rule);
    matched.set(rule, outcome === true);
  });
  const matches = (rule: FilterRule) =>
    matched.get(rule) ?? (rule.kind === 'keyword' && keywordMatches(rule, textsOf(rule)));

  const included: string[] = [];
  for (const block of blocks) {
    const excluder = block.exclude.find(matches);
    if (excluder) return { keep: false, reason: `excluded by ${describeRule(excluder)}`, timedOut };
    if (block.include.length === 0) continue;
    const includer = block.include.find(matches);
    if (!includer) {
      const where = block.include[0]!.path.replace(/\[0\]$/, '');
      return { keep: false, reason: `matches no rule of ${where}`, timedOut };
    }
    included.push(describeRule(includer));
  }
  return {
    keep: true,
    reason: included.length > 0 ? `included by ${included.join(' and ')}` : 'no exclude rule matches',
    timedOut,
  };
}

function keywordMatches(rule: FilterRule, texts: readonly string[]): boolean {
  if (rule.caseSensitive) return texts.some((text) => text.includes(rule.pattern));
  const keyword = rule.pattern.toLowerCase();
  return texts.some((text) => text.toLowerCase().includes(keyword));
}

/** `feeds[3].filter.exclude[0] (广告)` or `filter.include[1] (/^Rust/)`. */
export function describeRule(rule: FilterRule): string {
  return `${rule.path} (${rule.kind === 'regex' ? `/${rule.pattern}/` : rule.pattern})`;
}
