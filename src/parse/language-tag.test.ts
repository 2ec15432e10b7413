import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageTag } from './language-tag.ts';

test('languageTag keeps a tag and trims it', () => {
  assert.equal(languageTag(' en-GB\n'), 'en-GB');
  assert.equal(languageTag('zh-Hant-TW'), 'zh-Hant-TW');
});

test('languageTag reads a locale name as its tag', () => {
  assert.equal(languageTag('en_US'), 'en-US');
  assert.equal(languageTag('zh_Hant_TW'), 'zh-Hant-TW');
});

test('languageTag gives undefined for blank or absent', () => {
  assert.equal(languageTag(''), undefined);
  assert.equal(languageTag(' \t'), undefined);
  assert.equal(languageTag(undefined), undefined);
});
