import assert from 'node:assert/strict';
import { test } from 'node:test';
import { main } from '../../src/cli/index.ts';
import { bufferOutput } from './buffer-output.ts';

const COMMANDS = ['init', 'run', 'status', 'watch', 'import', 'export', 'parse'];

test('every command has --help with usage and examples, exit 0', async () => {
  for (const command of COMMANDS) {
    for (const argv of [
      [command, '--help'],
      ['help', command],
    ]) {
      const output = bufferOutput(false);
      assert.equal(await main(argv, output), 0, argv.join(' '));
      assert.match(output.stdout, new RegExp(`^Usage: feedmill ${command}`), argv.join(' '));
      assert.match(output.stdout, /\nExamples:\n {2}feedmill /, argv.join(' '));
    }
  }
  const top = bufferOutput(false);
  assert.equal(await main(['--help'], top), 0);
  for (const command of COMMANDS) assert.match(top.stdout, new RegExp(`^ {2}${command} `, 'm'));
});

test('an unknown option says so and points to --help (exit 2)', async () => {
  const output = bufferOutput(false);
  assert.equal(await main(['status', '--colour'], output), 2);
  assert.match(output.stderr, /--colour.*\(see --help\)/);
});

test('a missing config names the path and what to do (exit 2)', async () => {
  const output = bufferOutput(false);
  assert.equal(await main(['status', '--config', '/nonexistent/feedmill.yml'], output), 2);
  assert.match(
    output.stderr,
    /config file not found: \/nonexistent\/feedmill\.yml \(create one, or pass --config PATH\)/,
  );
});
