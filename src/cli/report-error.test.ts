import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bufferOutput } from '../../test/cli/buffer-output.ts';
import { FeedmillError } from '../errors.ts';
import { reportError } from './report-error.ts';

test('a state failure is one line and exit code 1, never a stack trace', () => {
  const wrapped = bufferOutput(false);
  const error = new FeedmillError('STATE_FAILED', 'the state database /s/state.db is damaged (x); run it');
  assert.equal(reportError(error, wrapped), 1);
  assert.equal(
    wrapped.stderr,
    'error: the state database /s/state.db is damaged (x); run it [STATE_FAILED]\n',
  );

  // A raw SQLite error that escaped the store still reads as a state failure.
  const raw = bufferOutput(false);
  const corrupt = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
  assert.equal(reportError(corrupt, raw), 1);
  assert.equal(
    raw.stderr,
    'error: the state database failed (database disk image is malformed); move it aside and run ' +
      '`feedmill state rebuild` to rebuild it from the posts [STATE_FAILED]\n',
  );
  const busy = bufferOutput(false);
  reportError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), busy);
  assert.equal(busy.stderr, 'error: the state database failed (database is locked) [STATE_FAILED]\n');
});

test('a password or access key in any error message is masked on its way out', () => {
  const output = bufferOutput(false);
  reportError(
    new FeedmillError(
      'CONFIG_INVALID',
      'FEEDMILL_RSSHUB_INSTANCES: "rsshub.example.org/?key=s3cret&x=1" is not an http(s) URL; see https://bob:hunter2@example.com/feed',
    ),
    output,
  );
  assert.doesNotMatch(output.stderr, /s3cret|hunter2/);
  assert.match(output.stderr, /\?key=\*\*\*&x=1/);
  assert.match(output.stderr, /https:\/\/bob:\*\*\*@example\.com\/feed/);
  const internal = bufferOutput(false);
  reportError(new Error('fetching https://bob:hunter2@example.com/feed failed'), internal);
  assert.doesNotMatch(internal.stderr, /hunter2/);
});
