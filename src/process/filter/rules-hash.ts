import type { FilterBlock } from '../../model.ts';
import { sha256Hex } from '../../sha256-hex.ts';

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
  return sha256Hex(JSON.stringify(essence)).slice(0, 16);
}
