import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATEGORY_KEYS, categoryKeyOf, categoryLabel, primaryCategory } from './category-labels.ts';

test('category keys map to the documentation site labels in both languages', () => {
  assert.equal(categoryLabel('traditional-media', { lang: 'zh' }), '传统媒体');
  assert.equal(categoryLabel('traditional-media', { lang: 'en' }), 'Traditional media');
  assert.equal(categoryLabel('finance', { lang: 'zh' }), '金融');
  assert.equal(categoryLabel('anime', { lang: 'en' }), 'ACG');
  assert.equal(categoryLabel('other', { lang: 'en' }), 'Uncategorized');
  assert.equal(CATEGORY_KEYS.length, 25);
});

test('a user override wins and an unknown key shows as itself', () => {
  assert.equal(categoryLabel('finance', { lang: 'zh', overrides: { finance: '财经' } }), '财经');
  assert.equal(categoryLabel('brand-new', { lang: 'zh' }), 'brand-new');
});

test('popular is skipped for the first other category', () => {
  assert.equal(primaryCategory(['popular', 'anime']), 'anime');
  assert.equal(primaryCategory(['anime', 'popular']), 'anime');
  assert.equal(primaryCategory(['popular']), 'popular');
  assert.equal(primaryCategory([]), 'other');
});

test('labels map back to keys (v1 headings, --category)', () => {
  assert.equal(categoryKeyOf('金融'), 'finance');
  assert.equal(categoryKeyOf('Social Media'), 'social-media');
  assert.equal(categoryKeyOf('programming'), 'programming');
  assert.equal(categoryKeyOf('不存在'), undefined);
});

test("a docs page heading's icon is not part of its label", () => {
  assert.equal(categoryKeyOf('📰 Traditional media'), 'traditional-media');
  assert.equal(categoryKeyOf('🌟 热门'), 'popular');
  assert.equal(categoryKeyOf('🔍 Uncategorized'), 'other');
});
