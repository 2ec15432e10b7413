import type { z } from 'zod';

/**
 * The known key closest to a mistyped one: optimal-string-alignment distance (a swap of two
 * neighbours counts once) of at most 2 and under half the longer key's length, else undefined.
 */
export function suggestKey(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(typed.toLowerCase(), candidate.toLowerCase());
    const longer = Math.max(typed.length, candidate.length);
    if (distance <= 2 && distance * 2 < longer && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Damerau-Levenshtein distance in its optimal-string-alignment form. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!;
    const above = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      }
      row[j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
  options?: readonly z.core.$ZodType[];
}

/** The keys an object schema accepts at `path` (an issue's path) of `schema`; [] when none is found. */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  const visit = (node: z.core.$ZodType, at: number): void => {
    const def = node._zod.def as unknown as SchemaDef;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
        if (def.innerType) visit(def.innerType, at);
        return;
      case 'pipe':
        // A preprocess step runs first: the object it feeds is the pipe's output side.
        if (def.out) visit(def.out, at);
        if (def.in) visit(def.in, at);
        return;
      case 'union':
        for (const option of def.options ?? []) visit(option, at);
        return;
      case 'array':
        if (at < path.length && typeof path[at] === 'number' && def.element) visit(def.element, at + 1);
        return;
      case 'object': {
        const shape = def.shape ?? {};
        if (at === path.length) {
          for (const key of Object.keys(shape)) keys.add(key);
          return;
        }
        const child = shape[String(path[at])];
        if (child) visit(child, at + 1);
        return;
      }
      default:
        return;
    }
  };
  visit(schema, 0);
  return [...keys];
}
