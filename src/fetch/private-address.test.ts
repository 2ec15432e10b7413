import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPrivateAddress } from './private-address.ts';

test('loopback, private, link-local and unspecified addresses are private', () => {
  for (const address of [
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::FFFF:10.0.0.1',
  ]) {
    assert.equal(isPrivateAddress(address), true, address);
  }
});

test('public addresses and non-addresses are not private', () => {
  for (const address of [
    '8.8.8.8',
    '172.32.0.1',
    '1.1.1.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    'localhost',
  ]) {
    assert.equal(isPrivateAddress(address), false, address);
  }
});
