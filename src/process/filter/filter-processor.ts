import type { FilterRules, Item } from '../../model.ts';
import type { ItemProcessor, ProcessContext } from '../item-processor.ts';
import { describeRule, judgeItem } from './judge-item.ts';
import { REGEX_DEADLINE_MS, type RegexRunner } from './regex-runner.ts';
import { rulesHash } from './rules-hash.ts';

/** The processor's name, which namespaces its cached verdicts. */
export const FILTER = 'filter';

/** A verdict as remembered in the processor cache. */
interface StoredVerdict {
  /** The rules' digest when the verdict was made: other rules judge the item again. */
  rules: string;
  keep: boolean;
  reason: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps the items a feed's `filter:` lets through, in order: the include/exclude rules (each
 * item judged once per set of rules, the verdict remembered), then `max_age_days` for items
 * without a post, then `limit`. Every decision goes to `context.verdicts`.
 */
export function createFilterProcessor(rules: FilterRules, runner: RegexRunner): ItemProcessor {
  const digest = rulesHash(rules.blocks);
  return {
    name: FILTER,
    async process(items, context) {
      const kept: Item[] = [];
      const decide = (item: Item, keep: boolean, reason: string) => {
        context.verdicts?.push({ processor: FILTER, key: item.key, title: item.title, kept: keep, reason });
        if (keep) kept.push(item);
      };
      for (const item of items) {
        const judged =
          rules.blocks.length > 0 ? await judgement(item, rules, digest, runner, context) : undefined;
        if (judged && !judged.keep) {
          decide(item, false, judged.reason);
          continue;
        }
        const tooOld =
          rules.maxAgeDays !== undefined &&
          !context.known.has(item.key) &&
          isOlder(item, rules.maxAgeDays, context.now);
        if (tooOld) {
          decide(
            item,
            false,
            `published ${item.published.toISOString()}, more than ${rules.maxAgeDays} days ago (max_age_days)`,
          );
          continue;
        }
        if (rules.limit !== undefined && kept.length >= rules.limit) {
          decide(item, false, `beyond the ${rules.limit} items kept per run (limit)`);
          continue;
        }
        decide(item, true, judged?.reason ?? 'kept');
      }
      return kept;
    },
  };
}

/** The remembered verdict while the rules are unchanged; otherwise judged now and remembered. */
async function judgement(
  item: Item,
  rules: FilterRules,
  digest: string,
  runner: RegexRunner,
  context: ProcessContext,
): Promise<{ keep: boolean; reason: string }> {
  const remembered = parseVerdict(context.cache.get(FILTER, item.key));
  if (remembered?.rules === digest) return remembered;
  const judged = await judgeItem(item, rules.blocks, runner);
  for (const rule of judged.timedOut) {
    context.diagnostics.push({
      code: 'filter-timeout',
      item: item.key,
      message: `${describeRule(rule)} ran longer than ${REGEX_DEADLINE_MS} ms and counts as not matching; simplify the expression`,
    });
  }
  // A verdict made without a rule that ran out of time is not final: the next run tries again.
  if (judged.timedOut.length === 0) {
    const verdict: StoredVerdict = { rules: digest, keep: judged.keep, reason: judged.reason };
    context.cache.set(FILTER, item.key, JSON.stringify(verdict));
  }
  return judged;
}

function parseVerdict(value: string | undefined): StoredVerdict | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<StoredVerdict>;
    return typeof parsed.rules === 'string' &&
      typeof parsed.keep === 'boolean' &&
      typeof parsed.reason === 'string'
      ? { rules: parsed.rules, keep: parsed.keep, reason: parsed.reason }
      : undefined;
  } catch {
    return undefined;
  }
}

function isOlder(item: Item, days: number, now: Date): boolean {
  return now.getTime() - item.published.getTime() > days * DAY_MS;
}
