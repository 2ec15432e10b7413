import { xmlAttribute, xmlText } from './xml-escape.ts';

/** One feed to export. */
export interface OpmlEntry {
  title: string;
  xmlUrl: string;
  categories: readonly string[];
}

interface Folder {
  feeds: OpmlEntry[];
  folders: Map<string, Folder>;
}

/** Builds an OPML 2.0 document; category paths become nested folder outlines. */
export function writeOpml(entries: readonly OpmlEntry[], title: string, now: Date): string {
  const root: Folder = { feeds: [], folders: new Map() };
  for (const entry of entries) {
    let folder = root;
    for (const name of entry.categories) {
      let child = folder.folders.get(name);
      if (!child) {
        child = { feeds: [], folders: new Map() };
        folder.folders.set(name, child);
      }
      folder = child;
    }
    folder.feeds.push(entry);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${xmlText(title)}</title>`,
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    '    <docs>https://opml.org/spec2.opml</docs>',
    '  </head>',
    '  <body>',
    ...folderLines(root, 2),
    '  </body>',
    '</opml>',
  ];
  return `${lines.join('\n')}\n`;
}

function folderLines(folder: Folder, depth: number): string[] {
  const indent = '  '.repeat(depth);
  const lines: string[] = [];
  for (const [name, child] of folder.folders) {
    lines.push(`${indent}<outline text="${xmlAttribute(name)}" title="${xmlAttribute(name)}">`);
    lines.push(...folderLines(child, depth + 1));
    lines.push(`${indent}</outline>`);
  }
  for (const feed of folder.feeds) {
    const title = xmlAttribute(feed.title);
    lines.push(
      `${indent}<outline type="rss" text="${title}" title="${title}" xmlUrl="${xmlAttribute(feed.xmlUrl)}"/>`,
    );
  }
  return lines;
}
