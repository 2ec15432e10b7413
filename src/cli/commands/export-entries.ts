import { hideUrlEnv } from '../../fetch/index.ts';
import type { Subscription } from '../../model.ts';
import type { OpmlEntry } from '../../opml/index.ts';

/**
 * The OPML entries of the subscriptions that a feed reader can fetch, with a note for each one
 * left out or changed. Secrets stay out of the file: a URL's `${NAME}`s are written in place of
 * their values, and an RSSHub route's URL goes without the instance's key and credentials.
 */
export function exportEntries(
  subscriptions: readonly Subscription[],
  note: (text: string) => void,
): OpmlEntry[] {
  const entries: OpmlEntry[] = [];
  for (const subscription of subscriptions) {
    const http = subscription.locations.find((location) => location.kind === 'http');
    if (!http) {
      note(`${subscription.name} is a local file (${subscription.source}); not exported`);
      continue;
    }
    let xmlUrl = subscription.urlEnv ? hideUrlEnv(http.url, subscription.urlEnv) : http.url;
    // An RSSHub route is fetched from the instance with its access key (and any credentials in
    // the instance's URL): those belong to this site's config, never to a file given away.
    if (subscription.source.startsWith('rsshub:')) xmlUrl = withoutInstanceSecrets(xmlUrl);
    if (subscription.urlEnv)
      note(
        `${subscription.name}'s url is exported with ${[...subscription.urlEnv.keys()].map((name) => `\${${name}}`).join(', ')} in place of the value`,
      );
    entries.push({ title: subscription.name, xmlUrl, categories: subscription.categories });
  }
  return entries;
}

function withoutInstanceSecrets(text: string): string {
  const url = new URL(text);
  url.username = '';
  url.password = '';
  if (url.searchParams.has('key')) url.searchParams.delete('key');
  return url.href;
}
