import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFragment, serialize } from 'parse5';
import { sanitizeHtml } from './clean-item.ts';

const options = { bases: ['https://news.example/a.html'], iframeHosts: ['youtube.com'] };
const clean = (html: string) => sanitizeHtml(html, options).html;

test('iframes only from listed hosts over https, kept without their content', () => {
  assert.equal(clean('<iframe src="https://evil.example/x">t</iframe>'), '');
  assert.equal(clean('<iframe src="http://www.youtube.com/embed/x"></iframe>'), '');
  assert.equal(
    clean('<iframe src="//www.youtube.com/embed/x" onload="x()">a &amp; <b>{x}</b></iframe>after'),
    '<iframe src="https://www.youtube.com/embed/x"></iframe>after',
  );
});

test('a kept iframe reads back as written and cleans to itself', () => {
  for (const html of [
    '<iframe src="https://www.youtube.com/embed/x">&lt;p&gt; &amp;amp; </iframe>',
    '<p><iframe src="https://youtube.com/embed/y"><script>x</script></iframe>t</p>',
  ]) {
    const once = clean(html);
    assert.equal(clean(once), once, html);
    assert.equal(clean(serialize(parseFragment(once))), once, html);
  }
});
