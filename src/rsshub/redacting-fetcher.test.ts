import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import type { Fetcher, FetchResult } from '../fetch/index.ts';
import { redactingFetcher } from './redacting-fetcher.ts';

const urlEnv = new Map([['FEED_TOKEN', 't0ken-value']]);
const location = { kind: 'http' as const, url: 'https://a.example/f?token=t0ken-value' };

function answering(result: FetchResult | Error): Fetcher {
  return {
    fetch: async () => {
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

test('an env secret goes back to its ${NAME} in the final URL and a redirect target', async () => {
  const fetcher = redactingFetcher(
    answering({
      kind: 'not-modified',
      url: 'https://b.example/f?token=t0ken-value&key=k3y',
      movedTo: 'https://b.example/f?token=t0ken-value&key=k3y',
    }),
    ['k3y'],
    urlEnv,
  );
  const result = await fetcher.fetch(location, {});
  assert.equal(result.url, 'https://b.example/f?token=${FEED_TOKEN}&key=***');
  // Stored so, the target is filled in again from the environment when polled (feedLocations).
  assert.equal(
    result.kind === 'not-modified' && result.movedTo,
    'https://b.example/f?token=${FEED_TOKEN}&key=***',
  );
});

test('an env secret goes back to its ${NAME} in error messages', async () => {
  for (const error of [
    new FeedmillError('FETCH_HTTP_STATUS', 'https://a.example/f?token=t0ken-value answered 500', {
      status: 500,
    }),
    new Error('connect ECONNREFUSED for https://a.example/f?token=t0ken-value'),
  ]) {
    await assert.rejects(
      redactingFetcher(answering(error), [], urlEnv).fetch(location, {}),
      (thrown: Error) => {
        assert.doesNotMatch(thrown.message, /t0ken-value/);
        assert.match(thrown.message, /token=\$\{FEED_TOKEN\}/);
        return true;
      },
    );
  }
});

test("an error page's text and reason are masked", async () => {
  const fetcher = redactingFetcher(
    answering({
      kind: 'retry-later',
      url: 'https://rsshub.example/x?key=k3y',
      status: 503,
      answerText: '<p>key=k3y</p>',
      reason: 'RSSHub: Error: https://rsshub.example/x?key=k3y and t0ken-value failed',
    }),
    ['k3y'],
    urlEnv,
  );
  const result = await fetcher.fetch(location, {});
  assert.equal(result.kind, 'retry-later');
  assert.equal(result.kind === 'retry-later' && result.answerText, '<p>key=***</p>');
  assert.equal(
    result.kind === 'retry-later' && result.reason,
    'RSSHub: Error: https://rsshub.example/x?key=*** and ${FEED_TOKEN} failed',
  );
});
