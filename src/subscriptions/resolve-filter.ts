import type { Config, FeedConfig } from '../config/index.ts';
import type { FilterBlock, FilterField, FilterRule, FilterRules } from '../model.ts';

type FilterConfig = NonNullable<Config['filter']>;
type RuleConfig = NonNullable<FilterConfig['include']>[number];

/** What rules look at when neither the rule nor its block names fields: as RSSHub's `filter`. */
const DEFAULT_FIELDS: readonly FilterField[] = ['title', 'content'];

/**
 * A feed's filter: the top-level block and the feed's own both apply (an item must pass each);
 * the feed's `max_age_days` and `limit` win over the top level's. Undefined when nothing filters.
 */
export function resolveFilter(feed: FeedConfig, config: Config): FilterRules | undefined {
  const blocks: FilterBlock[] = [];
  if (config.filter) blocks.push(resolveBlock(config.filter, 'filter'));
  if (feed.filter) blocks.push(resolveBlock(feed.filter, `feeds[${config.feeds.indexOf(feed)}].filter`));
  const rules: FilterRules = {
    blocks: blocks.filter((block) => block.include.length > 0 || block.exclude.length > 0),
  };
  const maxAgeDays = feed.filter?.max_age_days ?? config.filter?.max_age_days;
  if (maxAgeDays !== undefined) rules.maxAgeDays = maxAgeDays;
  const limit = feed.filter?.limit ?? config.filter?.limit;
  if (limit !== undefined) rules.limit = limit;
  return rules.blocks.length > 0 || maxAgeDays !== undefined || limit !== undefined ? rules : undefined;
}

function resolveBlock(block: FilterConfig, path: string): FilterBlock {
  const fields = block.fields ?? DEFAULT_FIELDS;
  const caseSensitive = block.case_sensitive ?? false;
  const rules = (list: 'include' | 'exclude') =>
    (block[list] ?? []).map((rule, index) =>
      resolveRule(rule, fields, caseSensitive, `${path}.${list}[${index}]`),
    );
  return { include: rules('include'), exclude: rules('exclude') };
}

function resolveRule(
  rule: RuleConfig,
  fields: readonly FilterField[],
  caseSensitive: boolean,
  path: string,
): FilterRule {
  if (typeof rule === 'string') {
    const slashed = rule.length > 2 && rule.startsWith('/') && rule.endsWith('/');
    return slashed
      ? { kind: 'regex', pattern: rule.slice(1, -1), fields: [...fields], caseSensitive, path }
      : { kind: 'keyword', pattern: rule, fields: [...fields], caseSensitive, path };
  }
  const own = [...(rule.fields ?? fields)];
  return rule.regex !== undefined
    ? { kind: 'regex', pattern: rule.regex, fields: own, caseSensitive, path }
    : { kind: 'keyword', pattern: rule.keyword ?? '', fields: own, caseSensitive, path };
}
