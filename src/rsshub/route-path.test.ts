import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillPattern, hasPlaceholders, matchPattern, patternParams } from './route-path.ts';

test('concrete paths match patterns with optional, regex and rest parameters', () => {
  assert.equal(matchPattern('/sina/finance/china/:lid?', '/sina/finance/china'), 3);
  assert.equal(matchPattern('/sina/finance/china/:lid?', '/sina/finance/china/1686'), 3);
  assert.equal(matchPattern('/sina/finance/china/:lid?', '/sina/finance'), -1);
  assert.equal(matchPattern('/sina/finance/china/:lid?', '/sina/finance/china/1/2'), -1);
  assert.equal(
    matchPattern('/github/file/:user/:repo/:branch/:filepath{.+}', '/github/file/a/b/main/lib/x.js'),
    2,
  );
  assert.equal(matchPattern('/github/file/:user/:repo/:branch/:filepath{.+}', '/github/file/a/b/main'), -1);
  assert.equal(matchPattern('/x/:id{[0-9]+}', '/x/12'), 1);
  assert.equal(matchPattern('/x/:id{[0-9]+}', '/x/ab'), -1);
  assert.equal(matchPattern('/x/:a', '/x/b?limit=5'), 1);
});

test('patterns are filled from parameters; trailing optional ones may be left out', () => {
  assert.deepEqual(fillPattern('/github/issue/:user/:repo/:state?', { user: 'a b', repo: 'r' }), {
    kind: 'filled',
    path: '/github/issue/a%20b/r',
  });
  assert.deepEqual(fillPattern('/github/issue/:user/:repo', { user: 'a' }), {
    kind: 'missing',
    names: ['repo'],
  });
  assert.deepEqual(fillPattern('/f/:p{.+}', { p: 'lib/x.js' }), { kind: 'filled', path: '/f/lib/x.js' });
  assert.equal(hasPlaceholders('/sina/finance'), false);
  assert.equal(hasPlaceholders('/sina/finance/china/:lid?'), true);
  assert.deepEqual(patternParams('/a/:b/:c?'), [
    { name: 'b', optional: false },
    { name: 'c', optional: true },
  ]);
});

test('many optional parameters do not make matching exponential', () => {
  const pattern = `/x${'/:p?'.repeat(40)}/end`;
  const started = Date.now();
  assert.equal(matchPattern(pattern, `/x${'/a'.repeat(45)}`), -1);
  assert.ok(Date.now() - started < 500);
  assert.equal(matchPattern(pattern, '/x/a/b/end'), 2);
});
