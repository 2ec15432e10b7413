// The Hugo side of the site benchmark: the same posts as a Hugo site. Content files carry the
// Hexo post's front matter mapped to Hugo's (title, date, categories as a taxonomy, author,
// cover) and its HTML body verbatim, as `.html` content (Hugo passes HTML content through
// without a Markdown renderer). A small theme gives what a news theme renders: a paginated home
// with covers, category pages, a post page with its categories and a recent-posts list.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse, stringify } from 'yaml';

const LAYOUTS: Record<string, string> = {
  '_default/baseof.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<title>{{ .Title }} · {{ .Site.Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a> · <a href="{{ "categories/" | relURL }}">Categories</a></header>
<main>{{ block "main" . }}{{ end }}</main>
<aside><h2>Recent</h2><ul>{{ range first 10 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></aside>
</body></html>`,
  '_default/single.html': `{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02 15:04" }} · {{ .Params.author }}
{{ range .Params.categories }} · <a href="{{ (printf "categories/%s/" (urlize .)) | relURL }}">{{ . }}</a>{{ end }}</p>
{{ with .Params.cover }}<img src="{{ . }}" referrerpolicy="no-referrer" alt="">{{ end }}
{{ .Content }}</article>{{ end }}`,
  '_default/list.html': `{{ define "main" }}<h1>{{ .Title }}</h1>{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{ range (.Paginate $pages.ByDate.Reverse).Pages }}<div class="card">{{ with .Params.cover }}<img src="{{ . }}" referrerpolicy="no-referrer" alt="">{{ end }}
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Date.Format "2006-01-02" }} · {{ .Summary | plainify | truncate 120 }}</p></div>{{ end }}
{{ template "_internal/pagination.html" . }}{{ end }}`,
  '_default/terms.html': `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}`,
};

/** Front matter and body of a Hexo post file. */
function splitPost(text: string): { data: Record<string, unknown>; body: string } {
  const end = text.indexOf('\n---\n', 4);
  return { data: parse(text.slice(4, end)) as Record<string, unknown>, body: text.slice(end + 5) };
}

/** Writes a Hugo site at `target` holding the posts of the Hexo site at `hexoRoot`; returns `target`. */
export function writeHugoSite(hexoRoot: string, target: string): string {
  const postsRoot = join(hexoRoot, 'source', '_posts');
  for (const [file, content] of Object.entries(LAYOUTS)) {
    mkdirSync(dirname(join(target, 'layouts', file)), { recursive: true });
    writeFileSync(join(target, 'layouts', file), content);
  }
  mkdirSync(join(target, 'static'), { recursive: true });
  writeFileSync(
    join(target, 'static', 'style.css'),
    'body{font-family:sans-serif;max-width:60rem;margin:auto}img{max-width:100%}',
  );
  writeFileSync(
    join(target, 'config.yaml'),
    stringify({
      baseURL: 'http://example.com/',
      title: 'My news site',
      paginate: 10,
      timeZone: 'UTC',
      disableKinds: ['RSS'],
      taxonomies: { category: 'categories' },
      permalinks: { posts: '/:year/:month/:day/:slug/' },
    }),
  );
  for (const name of readdirSync(postsRoot, { recursive: true })) {
    const path = join(postsRoot, String(name));
    if (!/\.(md|html)$/.test(path)) continue;
    const { data, body } = splitPost(readFileSync(path, 'utf8'));
    const front = {
      title: data.title,
      date: data.date instanceof Date ? data.date.toISOString() : data.date,
      categories: data.categories,
      author: data.author,
      ...(data.headimg ? { cover: data.headimg } : {}),
    };
    const out = join(target, 'content', 'posts', relative(postsRoot, path).replace(/\.md$/, '.html'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `---\n${stringify(front)}---\n${body}`);
  }
  return target;
}
