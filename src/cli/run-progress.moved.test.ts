import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunReport } from '../pipeline/index.ts';
import { formatJobSummary } from './job-summary.ts';
import type { Output } from './output.ts';
import { createRunProgress } from './run-progress.ts';

const report: RunReport = {
  feeds: [],
  elapsedMs: 0,
  moved: [{ name: 'f0', from: 'https://old.test/feed', to: 'https://new.test/feed', posts: 1 }],
};

function lines(options: { dryRun: boolean }, verbosity: 'quiet' | 'normal' = 'normal'): string {
  let stdout = '';
  const output: Output = {
    isTTY: false,
    out: (text) => {
      stdout += text;
    },
    err: () => {},
  };
  createRunProgress(output, 0, verbosity).finish(report, options);
  return stdout;
}

test('a moved feed gets one line before the summary; a dry run says its posts would be kept', () => {
  assert.match(
    lines({ dryRun: false }),
    /^moved {3}f0: url changed from https:\/\/old\.test\/feed to https:\/\/new\.test\/feed; its 1 post is kept\ndone/,
  );
  assert.match(lines({ dryRun: true }), /its 1 post would be kept\n/);
  assert.equal(lines({ dryRun: false }, 'quiet'), '');
});

test('the job summary lists moved feeds', () => {
  assert.match(
    formatJobSummary(report),
    /Moved feeds \(url edited in the config\):\n\n- f0: url changed from https:\/\/old\.test\/feed to https:\/\/new\.test\/feed; its 1 post is kept\n/,
  );
});
