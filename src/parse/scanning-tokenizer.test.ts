import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Tokenizer } from 'htmlparser2';
import { SCAN_REPLACES_ORIGINAL, ScanningTokenizer } from './scanning-tokenizer.ts';

type Callbacks = ConstructorParameters<typeof Tokenizer>[1];

/** Every callback with its arguments, in order. */
function tokens(Kind: typeof Tokenizer, text: string): string[] {
  const out: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]): void => {
      out.push(`${name}(${args.join(',')})`);
    };
  const names = [
    'onattribdata',
    'onattribentity',
    'onattribend',
    'onattribname',
    'oncdata',
    'onclosetag',
    'oncomment',
    'ondeclaration',
    'onend',
    'onopentagend',
    'onopentagname',
    'onprocessinginstruction',
    'onselfclosingtag',
    'ontext',
    'ontextentity',
  ];
  const callbacks = Object.fromEntries(names.map((name) => [name, record(name)])) as unknown as Callbacks;
  const tokenizer = new Kind({ xmlMode: true, decodeEntities: false, recognizeSelfClosing: true }, callbacks);
  tokenizer.write(text);
  tokenizer.end();
  return out;
}

test('htmlparser2 still has the scan that ScanningTokenizer replaces', () => {
  assert.equal(SCAN_REPLACES_ORIGINAL, true);
});

test('gives the same tokens as htmlparser2 on the golden feeds and on damaged copies of them', () => {
  const dir = join(import.meta.dirname, '../../test/golden/parse');
  const documents = readdirSync(dir)
    .filter((file) => !file.endsWith('.json') && !file.endsWith('.md') && !file.endsWith('.ts'))
    .map((file) => readFileSync(join(dir, file), 'utf8'));
  documents.push(
    '<a b="1>2" c=\'x\'>t<![CDATA[x]]y]]>z<!-- c -- - -->w<?pi x?><!DOCTYPE d>',
    '<a><![CDATA[never closed',
    '<a title="never closed',
    '<!-- never closed',
    '</a',
    '<a>text with no end',
  );
  const pieces = ['<', '>', '"', "'", ']]>', '<![CDATA[', '<!--', '-->', '</', '/>', '?>', '=', ']', '-'];
  let seed = 3;
  const random = (limit: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % limit;
  };
  let checked = 0;
  for (const document of documents) {
    for (let round = 0; round < 8; round++) {
      let text = document;
      // Round 0 is the document as it is; the others insert markup characters or cut it short.
      for (let edit = 0; edit < round; edit++) {
        const at = random(text.length + 1);
        text =
          random(6) === 0
            ? text.slice(0, at)
            : text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at);
      }
      assert.deepEqual(tokens(ScanningTokenizer, text), tokens(Tokenizer, text));
      checked++;
    }
  }
  assert.ok(checked > 100);
});
