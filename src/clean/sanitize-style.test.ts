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

test('no length reaches far past the post: paddings, borders, fonts and boxes have a ceiling', () => {
  // An inline link's padding and border cover what is around it (and take its clicks) without
  // moving it; a huge font or box, a long indent or spacing reach over the page beside the post.
  for (const value of [
    'padding: 3000px',
    'padding-top: 200em',
    'padding: 0 0 0 90%',
    'border: 500px solid transparent',
    'font-size: 3000px',
    'font-size: 50em',
    'font-size: 1e4px',
    'line-height: 400',
    'line-height: 80rem',
    'letter-spacing: 30em',
    'text-indent: -9999px',
    'text-indent: 120%',
    'margin-left: 5000px',
    'margin: 0 0 0 300%',
    'width: 5000px',
    'width: 400%',
    'max-width: 99in',
    'height: 100000px',
    'width: calc(100% + 9000px)',
    'width: calc(10px * 1000)',
  ])
    assert.equal(style(value), undefined, value);
  // What feeds write for real stays: hanging indents, figure widths, roomy headings, thin rules.
  const everyday =
    'padding: 10px 1.5em; border: 1px solid #1e4e4e; font-size: 2.5em; line-height: 1.6; text-indent: -2em; ' +
    'width: 640px; max-width: 100%; height: 360px; margin: 0 auto 24px; letter-spacing: 0.05em; color: #1e4';
  assert.equal(style(everyday), everyday);
  assert.equal(style('margin: 15em'), 'margin: 15em');
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
