import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_POLICY } from './sanitize-policy.ts';
import { sanitizeStyle } from './sanitize-style.ts';

const style = (value: string) => sanitizeStyle(value, DEFAULT_POLICY.styleProperties);

test('allowlisted properties with plain values are kept', () => {
  assert.equal(style('color:red; TEXT-ALIGN: center'), 'color: red; text-align: center');
  assert.equal(style('color: rgb(1, 2, 3)'), 'color: rgb(1, 2, 3)');
  assert.equal(
    style('font-family: "Microsoft YaHei", sans-serif'),
    'font-family: "Microsoft YaHei", sans-serif',
  );
});

test('loading, scripting and escaping values are removed', () => {
  for (const value of [
    'background: url(x)',
    'background-color: url(javascript:alert(1))',
    'width: expression(alert(1))',
    'behavior: url(x.htc)',
    '-moz-binding: url(x)',
    'position: fixed',
    'display: fixed',
    'color: re\\64',
    'color: red/**/;',
    'width: ex/**/pression(alert(1))',
    'color: attr(x)',
    'color: image-set("x.png" 1x)',
    'font-family: "</style><script>"',
  ]) {
    assert.equal(style(value), undefined, value);
  }
});

test('no box can be laid over the page around the post: negative margins, viewport sizes', () => {
  const overlay =
    'display:block;width:100vw;height:100vh;margin-top:-100vh;margin-left:-50vw;background-color:white';
  assert.equal(style(overlay), 'display: block; background-color: white');
  for (const value of [
    'margin: -20px 0',
    'margin-top: calc(0px - 900px)',
    'height: 100dvh',
    'font-size: 40vmax',
  ])
    assert.equal(style(value), undefined, value);
  assert.equal(
    style('margin: 0 auto; width: 80%; text-indent: -2em'),
    'margin: 0 auto; width: 80%; text-indent: -2em',
  );
});

test('container query units are viewport sizes too when no container is declared', () => {
  // CSS Containment 3 §7.3: with no eligible query container, cq* units use the small viewport.
  for (const value of [
    'width: 100cqw',
    'height: 100CQH',
    'max-width: calc(100cqi + 1px)',
    'max-height: 100cqb',
    'font-size: 40cqmin',
    'line-height: 100cqmax',
  ])
    assert.equal(style(value), undefined, value);
  assert.equal(style('width: 100cqw; background-color: black'), 'background-color: black');
});
