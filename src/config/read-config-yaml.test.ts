import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { readConfigYaml } from './read-config-yaml.ts';

function readValue(text: string): unknown {
  const read = readConfigYaml(text);
  assert.equal(read.kind, 'value', `expected ${JSON.stringify(text)} to read`);
  return read.kind === 'value' ? read.value : undefined;
}

test('scalars resolve as the yaml library reads YAML 1.2 core', () => {
  const scalars = [
    '1_000',
    '0b101',
    '0o17',
    '0x1F',
    '017',
    '-12',
    '+12',
    '1e3',
    '1.5E-2',
    '.5',
    '-.inf',
    '.NaN',
    '.nan.',
    'True',
    'yes',
    'on',
    'NO',
    '~',
    'Null',
    '2024-01-02',
    '2024-01-02T03:04:05Z',
    '12:30',
    '1:20:30',
    '',
    "'1_000'",
    '"0x1F"',
  ];
  for (const scalar of scalars) {
    const text = `key: ${scalar}\nlist: [${scalar}]\n`;
    assert.deepEqual(readValue(text), parse(text), scalar);
  }
});

test('merge keys stay ordinary keys, anchors and aliases resolve', () => {
  const text = 'base: &b { limit: 3 }\nfeed:\n  <<: *b\n  name: x\nagain: *b\n';
  assert.deepEqual(readValue(text), parse(text));
  assert.deepEqual(readValue(text), {
    base: { limit: 3 },
    feed: { '<<': { limit: 3 }, name: 'x' },
    again: { limit: 3 },
  });
});

test('a config of many feeds reads as the yaml library reads it', () => {
  const feeds = Array.from(
    { length: 50 },
    (_unused, index) =>
      `  - url: https://example.com/f?a=${index}&b=2 # comment\n    name: "f ${index}"\n    categories: [A, 'B: c', ${index}]\n    limit: ${index}\n`,
  ).join('');
  const text = `hexo: .\nfsync: false\nhttp: { concurrency: 8 }\nfeeds:\n${feeds}`;
  assert.deepEqual(readValue(text), parse(text));
});

test('duplicate keys and bad YAML come back as positioned errors', () => {
  for (const text of ['a: 1\na: 2\n', 'feeds: [\n', 'a: !!binary abc\nb: [1\n']) {
    const read = readConfigYaml(text);
    assert.equal(read.kind, 'errors', text);
    if (read.kind === 'errors') assert.ok(read.errors[0]?.linePos, text);
  }
});

test('an alias bomb is left to the yaml library, which refuses it', () => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level < 9; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
  }
  assert.throws(() => readConfigYaml(`${levels.join('\n')}\n`), /alias/i);
});
