import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percentEncode } from './percent-encode.ts';

test('the matched characters become upper-case %XX, the rest stays', () => {
  assert.equal(
    percentEncode(`https://a.example/it's (1)"x"`, /["'() ]/g),
    'https://a.example/it%27s%20%281%29%22x%22',
  );
  assert.equal(percentEncode('\t~', /[\t~]/g), '%09%7E');
  assert.equal(percentEncode('plain', /["']/g), 'plain');
});
