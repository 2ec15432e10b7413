import { createRequire } from 'node:module';

/** A path into the config's value, as zod gives it. */
export type ValuePath = readonly PropertyKey[];

/**
 * Finds where in the text each path of a config's value was written: the line of the node at
 * the path, or of its nearest ancestor that exists (a missing key is reported on its parent).
 * Parses the text again with `yaml` (which keeps positions); only a config with errors pays.
 */
export function issueLines(text: string): (path: ValuePath) => number | undefined {
  const { parseDocument } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  let document: ReturnType<typeof parseDocument> | undefined;
  try {
    document = parseDocument(text, { uniqueKeys: false });
  } catch {
    document = undefined;
  }
  const starts: number[] = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
    starts.push(index + 1);
  const lineOf = (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
  return (path) => {
    if (document === undefined || document.errors.length > 0) return undefined;
    const keys = path.filter((key): key is string | number => typeof key !== 'symbol');
    for (let length = keys.length; length > 0; length--) {
      const node = document.getIn(keys.slice(0, length), true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node?.range) return lineOf(node.range[0]);
    }
    return undefined;
  };
}
