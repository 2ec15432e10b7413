import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitizeHtml } from './clean-item.ts';

const clean = (html: string) => sanitizeHtml(html).html;

test('table parts outside their parents are unwrapped', () => {
  assert.equal(clean('<td>cell</td><tr>row</tr>'), 'cellrow');
  assert.equal(clean('<div><th>h</th></div>'), '<div>h</div>');
  assert.equal(clean('<p><tbody>b</tbody></p>'), '<p>b</p>');
});

test('text and elements directly in a table get a cell instead of being moved out by browsers', () => {
  assert.equal(
    clean('<table>lost<tr><td>a</td>b</tr></table>'),
    '<table><tbody><tr><td>lost</td></tr><tr><td>a</td><td>b</td></tr></tbody></table>',
  );
  assert.equal(clean('<table><p>x</p></table>'), '<table><tbody><tr><td><p>x</p></td></tr></tbody></table>');
  assert.equal(
    clean('<table>\n<tr><td>a</td></tr>\n</table>'),
    '<table>\n<tbody><tr><td>a</td></tr>\n</tbody></table>',
  );
  assert.equal(
    clean('<table><thead><tr><th>h</th></tr></thead><tr><td>d</td></tr></table>'),
    '<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>',
  );
});

test('a p is ended by a block start tag even with inline elements open (button scope)', () => {
  // …and, as in browsers, the formatting elements it ended are reopened where text goes next.
  assert.equal(clean('<p><b>x<div>y</div></b></p>'), '<p><b>x</b></p><div><b>y</b></div>');
  assert.equal(clean('<ul><li><em>a<li>b</ul>'), '<ul><li><em>a</em></li><li><em>b</em></li></ul>');
  // A heading start tag ends the p, then the heading that is the current node.
  assert.equal(clean('<h2><p>x<h2>y'), '<h2><p>x</p></h2><h2>y</h2>');
});

test('formatting elements ended early are reopened at the next text or inline element, as browsers do', () => {
  assert.equal(clean('<p><b>x<p>y</p>z'), '<p><b>x</b></p><p><b>y</b></p><b>z</b>');
  assert.equal(clean('<p><i>a<h2>b</h2>c'), '<p><i>a</i></p><h2><i>b</i></h2><i>c</i>');
  // A link around blocks stays a link in each of them.
  assert.equal(
    clean('<p><a href="https://x.example/l">x<div>y</div>z</a>'),
    '<p><a href="https://x.example/l">x</a></p><div><a href="https://x.example/l">y</a></div><a href="https://x.example/l">z</a>',
  );
  // Not into a table (cells are markers), not an <a> that another <a> ended, not after the
  // source closed it.
  assert.equal(
    clean('<b>1<table><tr><td>2</td></tr></table>3</b>'),
    '<b>1<table><tbody><tr><td>2</td></tr></tbody></table>3</b>',
  );
  assert.equal(
    clean('<a href="https://x.example/1">x<a href="https://x.example/2">y</a>'),
    '<a href="https://x.example/1">x</a><a href="https://x.example/2">y</a>',
  );
  assert.equal(clean('<p><b>x</b><div>y</div>'), '<p><b>x</b></p><div>y</div>');
});
