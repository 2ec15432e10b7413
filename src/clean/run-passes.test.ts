import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLEAN_PASSES } from './clean-item.ts';
import type { CleanContext } from './clean-pass.ts';
import { parseHtml } from './parse-html.ts';
import { runPasses } from './run-passes.ts';
import { DEFAULT_POLICY } from './sanitize-policy.ts';
import { serializeHtml } from './serialize-html.ts';

const context = (): CleanContext => ({
  policy: DEFAULT_POLICY,
  bases: ['https://news.example/a/b.html'],
  iframeHosts: ['youtube.com'],
  remove: ['.ad', 'table td:first-child'],
  keepStyle: true,
  keepComments: true,
  images: [],
});

const FRAGMENTS = [
  '<p>',
  '</p>',
  '<div class="ad">',
  '</div>',
  '<font color=red>',
  '</font>',
  '<table><tr><td>',
  '<td>',
  '</table>',
  '<img data-src="/lazy.jpg" src="data:image/gif;base64,R0l">',
  '<img srcset="a.jpg 1x, b.jpg 2x">',
  '<img src="https://stats.wordpress.com/x.gif">',
  '<img src="/photo.jpg" id="p">',
  '<a href="#p" name="n" target=_blank>',
  '</a>',
  '<iframe src="//www.youtube.com/embed/x">',
  '<iframe src="https://evil.example/">',
  '</iframe>',
  '<script>x</script>',
  '<style>a{}</style>',
  '<!-- c -->',
  '<x-card>',
  '</x-card>',
  '<svg><p>s</p></svg>',
  'text',
];

test('one walk for all passes writes what one walk per pass writes', () => {
  let state = 3;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  for (let round = 0; round < 300; round++) {
    let html = '';
    for (let index = 0; index < 4 + Math.floor(random() * 30); index++)
      html += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)];
    const fused = parseHtml(html);
    const fusedContext = context();
    runPasses(fused, CLEAN_PASSES, fusedContext);
    const apart = parseHtml(html);
    const apartContext = context();
    for (const pass of CLEAN_PASSES) runPasses(apart, [pass], apartContext);
    assert.equal(serializeHtml(fused.children), serializeHtml(apart.children), html);
    assert.deepEqual(fusedContext.images, apartContext.images, html);
  }
});

test('the pass list is data: a list without a pass leaves its job undone', () => {
  const html = '<p id="x"><img src="/a.jpg"></p>';
  const all = parseHtml(html);
  runPasses(all, CLEAN_PASSES, context());
  assert.match(serializeHtml(all.children), /id="feedmill-x"/);
  const some = parseHtml(html);
  runPasses(
    some,
    CLEAN_PASSES.filter((pass) => pass.name !== 'namespaceIds'),
    context(),
  );
  assert.equal(
    serializeHtml(some.children),
    '<p id="x"><img src="https://news.example/a.jpg" referrerpolicy="no-referrer" loading="lazy" decoding="async"></p>',
  );
});
