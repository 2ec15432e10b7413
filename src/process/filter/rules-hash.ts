import { createHash } from 'node:crypto';
import type { FilterBlock } from '../../model.ts';

/**
 * A digest of what the rules decide (patterns, kinds, fields, case), not of where they are
 * written: a remembered verdict holds while it is unchanged, and moving a feed in the file
 * does not re-judge its items.
 */
export function rulesHash(blocks: readonly FilterBlock[]): string {
  const essence = blocks.map((block) =>
    (['include', 'exclude'] as const).map((list) =>
      block[list].map((rule) => [rule.kind, rule.pattern, rule.fields, rule.caseSensitive]),
    ),
  );
  return createHash('sha256').update(JSON.stringify(essence)).digest('hex').slice(0, 16);
}
