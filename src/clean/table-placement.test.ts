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
  assert.equal(clean('<p><b>x<div>y</div></b></p>'), '<p><b>x</b></p><div>y</div>');
  assert.equal(clean('<ul><li><em>a<li>b</ul>'), '<ul><li><em>a</em></li><li>b</li></ul>');
});
