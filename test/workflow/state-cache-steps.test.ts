import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT, runCommand } from '../support/hexo-site.ts';
import { FakeActionsCache } from './fake-actions-cache.ts';
import { readWorkflowJob, runJobSteps, type StepResult, type WorkflowStep } from './workflow-steps.ts';

// The workflow template's state cache steps alone (key of the posts now, save, delete the
// superseded database), in a small repository, against a stand-in of the Actions cache and of
// `gh cache`: which database is deleted, and when none is.
const work = mkdtempSync(join(tmpdir(), 'feedmill-state-cache-'));
after(() => rmSync(work, { recursive: true, force: true }));
const job = readWorkflowJob(
  join(REPO_ROOT, 'templates', 'site', '.github', 'workflows', 'feedmill.yml'),
  'build',
);
const DELETE_STEP = 'Delete the superseded state database';
const repo = join(work, 'site');
const owner = {
  GIT_AUTHOR_NAME: 'O',
  GIT_AUTHOR_EMAIL: 'o@example.org',
  GIT_COMMITTER_NAME: 'O',
  GIT_COMMITTER_EMAIL: 'o@example.org',
};
let postsKey = '';

before(async () => {
  mkdirSync(join(repo, 'source', '_posts'), { recursive: true });
  mkdirSync(join(repo, '.feedmill'));
  writeFileSync(join(repo, 'source', '_posts', 'a.md'), '---\ntitle: a\n---\n');
  writeFileSync(join(repo, '.feedmill', 'state.db'), 'a state database');
  for (const args of [
    ['init', '--quiet'],
    ['add', 'source'],
    ['commit', '--quiet', '-m', 'posts'],
  ]) {
    const result = await runCommand('git', args, repo, undefined, { ...process.env, ...owner });
    assert.equal(result.code, 0, result.stderr);
  }
  const tree = await runCommand(
    'git',
    ['ls-tree', 'HEAD', '--', 'source/_posts', '.feedmill/state.jsonl'],
    repo,
  );
  const hash = await runCommand('git', ['hash-object', '--stdin'], repo, tree.stdout);
  postsKey = `feedmill-state-${hash.stdout.trim()}`;
});

/**
 * Runs the save-side steps as run `runId`, the restore having matched `matched`; `saveFails`
 * makes the save step do nothing (the action only warns when it cannot save).
 */
async function saveSteps(
  cache: FakeActionsCache,
  runId: number,
  matched: string | undefined,
  saveFails = false,
): Promise<StepResult> {
  const steps = new Set([
    'Restore the state database',
    'Key of the posts now',
    'Save the state database',
    DELETE_STEP,
  ]);
  const results = await runJobSteps(
    job,
    repo,
    {
      ...process.env,
      GITHUB_RUN_ID: String(runId),
      PATH: `${cache.ghFolder}${delimiter}${process.env.PATH}`,
    },
    {
      only: (step: WorkflowStep) => steps.has(step.name ?? ''),
      github: { token: 'stand-in-token', run_id: String(runId) },
      uses: (step, inputs) => {
        if (step.uses?.startsWith('actions/cache/restore@'))
          return matched === undefined ? {} : { 'cache-hit': 'false', 'cache-matched-key': matched };
        return saveFails ? {} : cache.stepOutputs(step, inputs, repo);
      },
    },
  );
  const deleted = results.find((result) => result.step.name === DELETE_STEP)!;
  assert.equal(deleted.code, 0, deleted.output);
  return deleted;
}

/** A cache holding one database saved by run `runId`. */
function cacheWith(name: string, runId: number): { cache: FakeActionsCache; key: string } {
  const cache = new FakeActionsCache(join(work, name));
  const key = `${postsKey}-${runId}-1`;
  cache.stepOutputs({ uses: 'actions/cache/save@v5' }, { path: '.feedmill/state.db', key }, repo);
  return { cache, key };
}

test('the database a run restored is deleted once the new one is saved', async () => {
  const { cache, key } = cacheWith('replaced', 1);
  const deleted = await saveSteps(cache, 2, key);
  assert.doesNotMatch(deleted.output, /::notice::/);
  assert.deepEqual(cache.keys(), [`${postsKey}-2-1`]);
});

test('a save that did not happen keeps the database restored', async () => {
  const { cache, key } = cacheWith('not-saved', 1);
  const deleted = await saveSteps(cache, 2, key, true);
  assert.match(
    deleted.output,
    /::notice::the state database saved as \S+-2-1 is not listed yet; \S+-1-1 is kept/,
  );
  assert.deepEqual(cache.keys(), [key]);
});

test('nothing restored, nothing deleted', async () => {
  const { cache, key } = cacheWith('missed', 1);
  const deleted = await saveSteps(cache, 2, undefined);
  assert.equal(deleted.output, '');
  assert.deepEqual(cache.keys(), [key, `${postsKey}-2-1`]);
});

test('a delete that fails does not fail the job', async () => {
  const { cache } = cacheWith('gone-already', 1);
  const deleted = await saveSteps(cache, 2, `${postsKey}-0-1`);
  assert.match(
    deleted.output,
    /::notice::could not delete the cache entry \S+-0-1; GitHub evicts it in time/,
  );
  assert.deepEqual(cache.keys(), [`${postsKey}-1-1`, `${postsKey}-2-1`]);
});
