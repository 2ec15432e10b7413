import { createRequire } from 'node:module';
import jsYaml from 'js-yaml';
import type { YAMLError } from 'yaml';

/** What reading the config text gave: its value, or the YAML errors with their positions. */
export type ConfigYaml = { kind: 'value'; value: unknown } | { kind: 'errors'; errors: readonly YAMLError[] };

// YAML 1.2 core schema (§10.3.2) for js-yaml: its own int and float also take YAML 1.1 forms
// (`1_000`, `0b1`), which the `yaml` library, and so feedmill's documented reading, does not.
const coreInt = new jsYaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(text),
  construct: (text: string) =>
    text.startsWith('0o')
      ? Number.parseInt(text.slice(2), 8)
      : text.startsWith('0x')
        ? Number.parseInt(text.slice(2), 16)
        : Number(text),
});
const coreFloat = new jsYaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (text: string) =>
    /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/.test(
      text,
    ),
  construct: (text: string) => {
    const lower = text.toLowerCase();
    if (lower.endsWith('.nan')) return Number.NaN;
    if (lower.endsWith('.inf')) return lower.startsWith('-') ? -Infinity : Infinity;
    return Number(text);
  },
});
// Types of the same tag replace js-yaml's own in place (its null and bool are already 1.2's).
const CORE_1_2 = jsYaml.CORE_SCHEMA.extend({ implicit: [coreInt, coreFloat] });

/**
 * Reads feedmill.yml as YAML 1.2 (core schema, unique keys). js-yaml reads a large config about
 * four times faster than `yaml`; whatever it refuses or expands too far (aliases) is read by
 * `yaml`, which gives the positioned errors and its alias limit.
 */
export function readConfigYaml(text: string): ConfigYaml {
  let fast: unknown;
  try {
    fast = jsYaml.load(text, { schema: CORE_1_2 });
  } catch {
    fast = undefined;
  }
  if (fast !== undefined && withinBudget(fast, text.length + 1000)) return { kind: 'value', value: fast };
  // Loaded only now: a config js-yaml reads (every scheduled run's) never pays for `yaml`.
  const { parseDocument } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) return { kind: 'errors', errors: document.errors };
  return { kind: 'value', value: document.toJS() };
}

/**
 * Whether the value has at most `budget` nodes counted as a tree. A node takes at least one
 * character of text unless it is an alias, so a value over budget repeats aliased parts (an alias
 * bomb expands without end), and is left to the `yaml` library's limit on aliases.
 */
function withinBudget(value: unknown, budget: number): boolean {
  let left = budget;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (--left < 0) return false;
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === 'object') stack.push(...Object.values(node));
  }
  return true;
}
