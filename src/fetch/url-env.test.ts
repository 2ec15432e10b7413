import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindUrlEnv, expandUrlEnv, hideUrlEnv, urlEnvNames } from './url-env.ts';

test('the variables a URL names, each once, in order', () => {
  assert.deepEqual(urlEnvNames('https://${USER_1}:${PASS}@h/${PASS}?t=${_T}'), ['USER_1', 'PASS', '_T']);
  // Not references: a bare $NAME, a name starting with a digit, an unclosed brace.
  assert.deepEqual(urlEnvNames('https://h/$TOKEN/${1X}/${OPEN'), []);
});

test('only set, non-empty variables the feeds name are bound', () => {
  const bound = bindUrlEnv(['https://h/?t=${A}', 'https://h/${B}/${C}', 'https://h/plain'], {
    A: 'alpha',
    B: '',
    D: 'unrelated',
  });
  assert.deepEqual([...bound], [['A', 'alpha']]);
});

test('expanding puts every value in, or names every variable without one', () => {
  const bound = new Map([
    ['TOKEN', 'abc/def'],
    ['USER', 'me'],
  ]);
  assert.deepEqual(expandUrlEnv('https://${USER}@h/f?token=${TOKEN}&again=${TOKEN}', bound), {
    kind: 'expanded',
    text: 'https://me@h/f?token=abc/def&again=abc/def',
  });
  assert.deepEqual(expandUrlEnv('https://h/${MISSING}/${TOKEN}/${ALSO}', bound), {
    kind: 'unset',
    names: ['MISSING', 'ALSO'],
  });
  assert.deepEqual(expandUrlEnv('https://h/feed', bound), { kind: 'expanded', text: 'https://h/feed' });
});

test('hiding puts each value back as its ${NAME}, however it was encoded', () => {
  const bound = new Map([
    ['TOKEN', 'a b/c+d'],
    ['LONGER', 'a b/c+d-and-more'],
    ['SHORT', 'xy'],
  ]);
  assert.equal(
    hideUrlEnv(
      'GET https://h/f?t=a%20b%2Fc%2Bd failed; moved to https://h/g?t=a+b%2Fc%2Bd (raw a b/c+d)',
      bound,
    ),
    'GET https://h/f?t=${TOKEN} failed; moved to https://h/g?t=${TOKEN} (raw ${TOKEN})',
  );
  // The longer value is hidden whole, not as ${TOKEN} followed by the rest.
  assert.equal(hideUrlEnv('k=a b/c+d-and-more', bound), 'k=${LONGER}');
  // Three characters or fewer would match inside unrelated text: left as they are.
  assert.equal(hideUrlEnv('xy-xy', bound), 'xy-xy');
  assert.equal(hideUrlEnv('nothing here', new Map()), 'nothing here');
});
