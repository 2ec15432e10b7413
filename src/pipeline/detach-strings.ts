/**
 * A deep copy of `value` whose strings share no memory with any other string. V8 makes a
 * substring (`slice`, a regular expression's capture) a view into its parent string, so one
 * short title taken from a 50 MB document keeps the whole document alive; a copy made here
 * lets the document go. Plain objects, arrays and their strings are copied; Dates and other
 * values are kept as they are.
 */
export function detachStrings<T>(value: T): T {
  return detach(value) as T;
}

function detach(value: unknown): unknown {
  if (typeof value === 'string') return detachString(value);
  if (Array.isArray(value)) return value.map(detach);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = detach(field);
  return copy;
}

/**
 * The string's characters in memory of their own: V8 flattens a concatenation into a new
 * string before slicing it, so the slice views the new string, not the old one's parent.
 */
function detachString(text: string): string {
  return text.length === 0 ? text : ` ${text}`.slice(1);
}
