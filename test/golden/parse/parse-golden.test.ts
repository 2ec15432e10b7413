import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FeedmillError } from '../../../src/errors.ts';
import { parseFeed } from '../../../src/index.ts';

// Golden pairs: <case>.<ext> is a feed, <case>.expected.json what parseFeed must make of it,
// <case>.options.json (optional) the ParseOptions. See README.md here for UPDATE_GOLDEN=1.
const dir = dirname(fileURLToPath(import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const SIDE_FILES = /\.(expected|options)\.json$|\.test\.ts$|\.md$|^biome\.json$/;

const inputs = readdirSync(dir)
  .filter((name) => !SIDE_FILES.test(name))
  .sort();

test('golden parse corpus has at least 150 cases', () => {
  assert.ok(inputs.length >= 150, `only ${inputs.length} cases`);
});

for (const name of inputs) {
  const base = name.slice(0, name.lastIndexOf('.'));
  test(`golden parse: ${name}`, () => {
    const optionsPath = join(dir, `${base}.options.json`);
    const options = existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {};
    const actual = run(readFileSync(join(dir, name)), options);
    const expectedPath = join(dir, `${base}.expected.json`);
    if (update || !existsSync(expectedPath)) {
      if (!update) assert.fail(`missing ${base}.expected.json (run with UPDATE_GOLDEN=1, then review it)`);
      writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      return;
    }
    assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
}

function run(bytes: Uint8Array, options: Record<string, string>): unknown {
  try {
    const result = parseFeed(bytes, options);
    return {
      format: result.format,
      encoding: result.encoding,
      diagnostics: [...new Set(result.diagnostics.map((diagnostic) => diagnostic.code))].sort(),
      feed: JSON.parse(JSON.stringify(result.feed)),
    };
  } catch (error) {
    if (error instanceof FeedmillError) return { error: error.code };
    throw error;
  }
}
