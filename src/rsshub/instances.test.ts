import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instanceSecrets, instanceUrl, redactSecrets, redactUrl, toInstances } from './instances.ts';

test('routes are joined onto the instance path with the access key as a query parameter', () => {
  assert.equal(instanceUrl({ url: 'https://r.example/' }, '/sina/finance'), 'https://r.example/sina/finance');
  assert.equal(
    instanceUrl({ url: 'https://r.example/rsshub/', key: 's3cr&t' }, '/a/b?limit=5'),
    'https://r.example/rsshub/a/b?limit=5&key=s3cr%26t',
  );
  assert.equal(instanceUrl({ url: 'https://r.example/?key=k1' }, '/a?x=1'), 'https://r.example/a?key=k1&x=1');
});

test('keys are masked in URLs and in any text', () => {
  assert.equal(redactUrl('https://r.example/a?key=abc&x=1'), 'https://r.example/a?key=***&x=1');
  assert.equal(redactUrl('not a url'), 'not a url');
  const instances = toInstances([
    'https://a.example/?key=inurl',
    { url: 'https://b.example', key: 's3cr&t' },
  ]);
  const secrets = instanceSecrets(instances);
  assert.deepEqual(secrets, ['inurl', 's3cr&t']);
  assert.equal(
    redactSecrets('HTTP 403 from https://b.example/x?key=s3cr%26t (s3cr&t)', secrets),
    'HTTP 403 from https://b.example/x?key=*** (***)',
  );
});
