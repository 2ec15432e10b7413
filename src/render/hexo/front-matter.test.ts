import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import jsYaml from 'js-yaml';
import { parse as parseYaml } from 'yaml';
import { dumpFrontMatter } from './front-matter.ts';

// Strings YAML 1.1 or 1.2 would read as booleans, nulls, numbers or dates, and other troublemakers.
const LOOKALIKES = [
  'yes',
  'No',
  'ON',
  'off',
  'y',
  'n',
  'true',
  'False',
  'null',
  'Null',
  '~',
  '',
  ' ',
  '2021-12-16',
  '2021-12-16 06:21:53',
  '2021-12-16T06:21:53Z',
  '12:30',
  '1_000',
  '0x1F',
  '0o17',
  '017',
  '1e3',
  '.inf',
  '-.Inf',
  '.NaN',
  '+1',
  '3.14',
  '<<',
  '=',
  '- item',
  '? q',
  ': v',
  '# not a comment',
  "it's",
  '"quoted"',
  'a: b',
  'a #b',
  '&anchor',
  '*alias',
  '!tag',
  '%YAML',
  '@at',
  '`tick`',
  '|',
  '>',
  '{ a: 1 }',
  '[1, 2]',
  '---',
  '...',
  '\\',
  'tab\there',
  '中文标题',
  '😀 emoji',
];

// What Hexo itself reads front matter with (a dependency of hexo).
const hexoFrontMatter = createRequire(import.meta.url)('hexo-front-matter') as {
  parse(text: string): Record<string, unknown>;
};

test('strings that look like other YAML values stay strings for js-yaml 4, the yaml package and Hexo', () => {
  for (const title of LOOKALIKES) {
    const text = dumpFrontMatter([
      ['title', title],
      ['categories', [title, 'x']],
      ['comments', false],
    ]);
    const fromJsYaml = jsYaml.load(text) as Record<string, unknown>;
    assert.equal(fromJsYaml.title, title, `js-yaml: ${JSON.stringify(title)}\n${text}`);
    assert.deepEqual(fromJsYaml.categories, [title, 'x']);
    assert.equal(fromJsYaml.comments, false);
    const fromHexo = hexoFrontMatter.parse(`---\n${text}---\nbody`);
    assert.equal(fromHexo.title, title, `hexo-front-matter: ${JSON.stringify(title)}`);
    assert.deepEqual(fromHexo.categories, [title, 'x']);
    for (const version of ['1.1', '1.2'] as const) {
      const fromYaml = parseYaml(text, { version }) as Record<string, unknown>;
      assert.equal(fromYaml.title, title, `yaml ${version}: ${JSON.stringify(title)}\n${text}`);
      assert.deepEqual(fromYaml.categories, [title, 'x']);
    }
  }
});

test('keys keep their order and the seed style (single quotes)', () => {
  const text = dumpFrontMatter([
    ['title', '中俄元首年内再度视频会晤 传递这些重要信息'],
    ['categories', ['金融']],
    ['comments', false],
    ['disableNunjucks', true],
  ]);
  assert.equal(
    text,
    "title: '中俄元首年内再度视频会晤 传递这些重要信息'\ncategories:\n  - '金融'\ncomments: false\ndisableNunjucks: true\n",
  );
});

/** Strings built from the characters YAML escapes, quotes or reads specially, seeded. */
function hostileStrings(count: number): string[] {
  const pieces = [
    ...LOOKALIKES,
    "'",
    '"',
    '\\',
    '\n',
    '\r\n',
    '\t',
    '\0',
    '\u0007',
    '\u001b',
    '\u007f',
    '\u0085',
    '\u00a0',
    '\u00a1',
    '\u2028',
    '\u2029',
    '\ufeff',
    '\ufffe',
    '\uffff',
    '\ud800',
    '\udfff',
    '\ud83d\ude00',
    '\ue000',
    ' ',
    '#',
    ': ',
    '- ',
    'é',
  ];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return Array.from({ length: count }, () => {
    let text = '';
    const length = Math.floor(random() * 6);
    for (let piece = 0; piece < length; piece++) text += pieces[Math.floor(random() * pieces.length)];
    return text;
  });
}

test('the hand-written dump is byte for byte what js-yaml dumps, and reads back', () => {
  const dump = (frontMatter: readonly (readonly [string, unknown])[]) =>
    jsYaml.dump(Object.fromEntries(frontMatter), {
      lineWidth: -1,
      noRefs: true,
      quotingType: "'",
      forceQuotes: true,
      noCompatMode: false,
    });
  for (const text of [...LOOKALIKES, ...hostileStrings(3000)]) {
    const frontMatter = [
      ['title', text],
      ['categories', [text, 'x']],
      ['tags', []],
      ['comments', false],
      ['disableNunjucks', true],
    ] as const;
    const written = dumpFrontMatter(frontMatter as unknown as Parameters<typeof dumpFrontMatter>[0]);
    assert.equal(written, dump(frontMatter), JSON.stringify(text));
    const read = jsYaml.load(written) as Record<string, unknown>;
    assert.equal(read.title, text, JSON.stringify(text));
    assert.deepEqual(read.categories, [text, 'x']);
    const read12 = parseYaml(written, { version: '1.2' }) as Record<string, unknown>;
    assert.equal(read12.title, text, JSON.stringify(text));
  }
});

test('keys a YAML reader would take for values go through js-yaml', () => {
  for (const key of ['yes', 'No', 'NULL', 'True', 'off', 'y', 'link2', 'a-b']) {
    const text = dumpFrontMatter([[key, 'v']]);
    assert.deepEqual(jsYaml.load(text), { [key]: 'v' }, key);
  }
});
