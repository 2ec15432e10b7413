import yaml from 'js-yaml';

/**
 * The YAML front matter of a post (`---` line, YAML, `---` line), read with js-yaml as Hexo
 * reads it; undefined when the text has none or it is not a YAML mapping.
 */
export function readFrontMatter(text: string): Record<string, unknown> | undefined {
  const start = /^\uFEFF?---\r?\n/.exec(text);
  if (!start) return undefined;
  const end = /\r?\n---(?:\r?\n|$)/.exec(text.slice(start[0].length - 1));
  if (!end) return undefined;
  try {
    const data: unknown = yaml.load(text.slice(start[0].length, start[0].length - 1 + end.index));
    return data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
