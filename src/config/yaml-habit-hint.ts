import type { z } from 'zod';

/** The words YAML 1.1 took for booleans; YAML 1.2 (feedmill's reading) takes them as text. */
const YAML_1_1_BOOLEANS = /^(?:y|yes|n|no|on|off)$/i;

/**
 * A hint for a config problem that comes from writing YAML 1.1 (what many tools still read):
 * `yes`/`off` where a boolean belongs, an unquoted number where text belongs, a merge key.
 * `value` is the config as read, to see what was written at the issue's path. Empty if none.
 */
export function yamlHabitHint(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code !== 'invalid_type') return '';
  const written = valueAt(value, issue.path);
  if (issue.expected === 'boolean' && typeof written === 'string' && YAML_1_1_BOOLEANS.test(written))
    return `; YAML 1.2 reads ${written} as text: write true or false`;
  if (issue.expected === 'string' && (typeof written === 'number' || typeof written === 'boolean'))
    return '; put it in quotes to keep it as text';
  return '';
}

/** The hint for an unknown key, when the key is a YAML 1.1 merge key. */
export function mergeKeyHint(key: string): string | undefined {
  return key === '<<'
    ? 'merge keys (<<) are YAML 1.1, which feedmill does not read: write the keys out'
    : undefined;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}
