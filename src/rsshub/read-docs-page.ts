import { Parser } from 'htmlparser2';
import { z } from 'zod';
import type { Diagnostic } from '../errors.ts';
import type { CatalogueRoute } from './catalogue.ts';
import { categoryKeyOf } from './category-labels.ts';
import { normalizeRoutePath } from './find-route.ts';
import { patternParams } from './route-path.ts';

/** Heading context in force where a `<Route>` appears: `#` category, `##` site, `###` route. */
interface Headings {
  category?: string;
  site?: string;
  route?: string;
}

/**
 * Reads the routes of one RSSHub documentation page (Markdown with Vue components), either
 * form: v1 (`<Route author example path />` under `# category / ## site / ### route`) or
 * v2 (`<Route namespace="…" :data='{json}' />`). Headings and tags inside code fences are ignored.
 */
export function readDocsPage(text: string, diagnostics: Diagnostic[], page = 'docs page'): CatalogueRoute[] {
  const routes: CatalogueRoute[] = [];
  const headings: Headings = {};
  let fence: { char: string; length: number } | undefined;
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length === 0) return;
    for (const attributes of routeTags(chunk.join('\n'))) {
      const route = toRoute(attributes, headings, diagnostics, page);
      if (route) routes.push(route);
    }
    chunk = [];
  };
  for (const line of text.split(/\r\n?|\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence.char && marker.length >= fence.length && line.trim() === marker) {
        fence = undefined;
      }
      continue;
    }
    if (marker) {
      flush();
      fence = { char: marker[0]!, length: marker.length };
      continue;
    }
    const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading) {
      flush();
      const title = headingText(heading[2] ?? '');
      const level = heading[1]!.length;
      if (level === 1) {
        headings.category = title;
        headings.site = undefined;
        headings.route = undefined;
      } else if (level === 2) {
        headings.site = title;
        headings.route = undefined;
      } else if (level === 3) headings.route = title;
      continue;
    }
    chunk.push(line);
  }
  flush();
  return routes;
}

/** The attributes of every `<Route>` element in a Markdown chunk, read by a real HTML tokenizer. */
function routeTags(markdown: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'route') found.push(attributes);
      },
    },
    { recognizeSelfClosing: true, decodeEntities: true },
  );
  parser.write(markdown);
  parser.end();
  return found;
}

/** A heading's visible text: inline components such as `<Site url=…/>` or `<Badge/>` dropped. */
function headingText(inline: string): string {
  const parts: string[] = [];
  const parser = new Parser({ ontext: (part) => parts.push(part) }, { decodeEntities: true });
  parser.write(inline);
  parser.end();
  return parts.join('').replace(/\s+/g, ' ').trim();
}

const v2DataSchema = z
  .object({
    path: z.union([z.string(), z.array(z.string())]),
    name: z.string().optional(),
    example: z.string().optional(),
    categories: z.array(z.string()).optional(),
    parameters: z
      .record(z.string(), z.union([z.string(), z.object({ description: z.string().optional() }).loose()]))
      .optional(),
    maintainers: z.array(z.string()).optional(),
    url: z.string().optional(),
  })
  .loose();

function toRoute(
  attributes: Record<string, string>,
  headings: Headings,
  diagnostics: Diagnostic[],
  page: string,
): CatalogueRoute | undefined {
  const data = attributes[':data'];
  if (data !== undefined) return toV2Route(attributes.namespace ?? '', data, headings, diagnostics, page);
  const path = attributes.path?.trim();
  if (!path) {
    diagnostics.push({ code: 'rsshub-route-invalid', message: `${page}: a <Route> without path is skipped` });
    return undefined;
  }
  const full = normalizeRoutePath(path);
  const namespace = full.split('/')[1] ?? '';
  const route: CatalogueRoute = {
    namespace,
    namespaceName: headings.site || namespace,
    path: full,
    name: headings.route || full,
    categories: headingCategories(headings),
    parameters: Object.fromEntries(patternParams(full).map((param) => [param.name, ''])),
    maintainers: (attributes.author ?? '').split(/\s+/).filter(Boolean),
  };
  if (headings.category) route.categoryTitle = headings.category;
  if (attributes.example?.trim()) route.example = normalizeRoutePath(attributes.example);
  return route;
}

/** The category key the page's `#` heading names, if it names a known one. */
function headingCategories(headings: Headings): string[] {
  const key = headings.category ? categoryKeyOf(headings.category) : undefined;
  return key ? [key] : [];
}

function toV2Route(
  namespace: string,
  json: string,
  headings: Headings,
  diagnostics: Diagnostic[],
  page: string,
): CatalogueRoute | undefined {
  let parsed: z.infer<typeof v2DataSchema>;
  try {
    parsed = v2DataSchema.parse(JSON.parse(json));
  } catch {
    diagnostics.push({
      code: 'rsshub-route-invalid',
      message: `${page}: a <Route namespace="${namespace}"> has unreadable :data`,
    });
    return undefined;
  }
  if (!/^[\w.-]+$/.test(namespace)) {
    diagnostics.push({
      code: 'rsshub-route-invalid',
      message: `${page}: a <Route :data> without a usable namespace is skipped`,
    });
    return undefined;
  }
  const relative = Array.isArray(parsed.path) ? (parsed.path[0] ?? '/') : parsed.path;
  const path = normalizeRoutePath(`/${namespace}/${relative}`);
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.parameters ?? {})) {
    parameters[name] = typeof value === 'string' ? value : (value.description ?? '');
  }
  const route: CatalogueRoute = {
    namespace,
    namespaceName: headings.site || namespace,
    path,
    name: parsed.name?.trim() || headings.route || path,
    // A route whose categories only its namespace names is listed on its category's page
    // without them: the page's heading names it.
    categories: parsed.categories ?? headingCategories(headings),
    parameters,
    maintainers: parsed.maintainers ?? [],
  };
  if (parsed.example?.trim()) route.example = normalizeRoutePath(parsed.example);
  if (parsed.url) route.url = parsed.url.includes('://') ? parsed.url : `https://${parsed.url}`;
  return route;
}
