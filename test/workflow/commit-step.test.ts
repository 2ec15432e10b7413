import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT, runCommand } from '../support/hexo-site.ts';
import { readWorkflowJob, runJobSteps } from './workflow-steps.ts';

// The workflow template's commit step alone, run in small repositories: what it commits, what it
// leaves alone, how it survives a concurrent push, and the keep-alive commit.
const work = mkdtempSync(join(tmpdir(), 'feedmill-commit-step-'));
after(() => rmSync(work, { recursive: true, force: true }));
const job = readWorkflowJob(
  join(REPO_ROOT, 'templates', 'site', '.github', 'workflows', 'feedmill.yml'),
  'build',
);
const isCommitStep = (step: { name?: string }) => step.name === 'Commit the new and changed posts';
const owner = {
  GIT_AUTHOR_NAME: 'Owner',
  GIT_AUTHOR_EMAIL: 'o@example.org',
  GIT_COMMITTER_NAME: 'Owner',
  GIT_COMMITTER_EMAIL: 'o@example.org',
};

async function git(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await runCommand('git', args, cwd, undefined, { ...process.env, ...owner, ...env });
  assert.equal(result.code, 0, `git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A site repository with one commit (dated `date`), pushed to a bare origin, and a clone of it. */
async function siteWithOrigin(name: string, date?: string): Promise<{ origin: string; clone: string }> {
  const site = join(work, name);
  mkdirSync(site);
  writeFileSync(join(site, 'feedmill.yml'), 'feeds: []\n');
  await git(['init', '--quiet', '--initial-branch', 'main'], site);
  await git(['add', '--all'], site);
  const dated = date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {};
  await git(['commit', '--quiet', '-m', 'site'], site, dated);
  const origin = join(work, `${name}.git`);
  await git(['clone', '--quiet', '--bare', site, origin], work);
  const clone = join(work, `${name}-ci`);
  await git(['clone', '--quiet', origin, clone], work);
  return { origin, clone };
}

/** feedmill as the commit step calls it: `state export -o FILE` writes a stand-in state. */
function stubFeedmill(clone: string): void {
  const bin = join(clone, 'node_modules', '.bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'feedmill'),
    '#!/bin/sh\n[ "$1 $2 $3" = "state export -o" ] || exit 9\nmkdir -p "$(dirname "$4")" && echo \'{"feedmill_state":1}\' > "$4"\n',
    { mode: 0o755 },
  );
}

async function commitStep(clone: string): Promise<string> {
  stubFeedmill(clone);
  const results = await runJobSteps(
    job,
    clone,
    { ...process.env, npm_config_offline: 'true' },
    { only: isCommitStep },
  );
  assert.equal(results.length, 1);
  assert.equal(results[0]!.code, 0, results[0]!.output);
  return results[0]!.output;
}

test('nothing written yet (no source/_posts): no commit, no error', async () => {
  const { origin, clone } = await siteWithOrigin('empty');
  assert.match(await commitStep(clone), /No new or changed posts/);
  assert.equal(await git(['rev-list', '--count', 'main'], origin), '1');
});

test('new posts are committed by the bot with [skip ci], replayed over a concurrent push', async () => {
  const { origin, clone } = await siteWithOrigin('posts');
  mkdirSync(join(clone, 'source', '_posts', 'News'), { recursive: true });
  writeFileSync(join(clone, 'source', '_posts', 'News', 'a.md'), '---\ntitle: a\n---\n');
  writeFileSync(join(clone, 'source', '_posts', 'News', 'b.md'), '---\ntitle: b\n---\n');
  writeFileSync(join(clone, 'stray.txt'), 'not a post');
  // Meanwhile the owner pushes a config change.
  const owners = join(work, 'posts-owner');
  await git(['clone', '--quiet', origin, owners], work);
  writeFileSync(join(owners, 'feedmill.yml'), 'feeds: [] # edited\n');
  await git(['commit', '--quiet', '--all', '-m', 'edit feeds'], owners);
  await git(['push', '--quiet'], owners);

  await commitStep(clone);
  const log = await git(['log', '--format=%an|%s', 'main'], origin);
  assert.deepEqual(log.split('\n'), [
    'github-actions[bot]|feedmill: 2 posts [skip ci]',
    'Owner|edit feeds',
    'Owner|site',
  ]);
  const files = (await git(['ls-tree', '-r', '--name-only', 'main'], origin)).split('\n');
  assert.deepEqual(files.sort(), [
    '.feedmill/state.jsonl',
    'feedmill.yml',
    'source/_posts/News/a.md',
    'source/_posts/News/b.md',
  ]);
});

test('after 50 quiet days an empty commit keeps the schedule alive; not before', async () => {
  const recent = await siteWithOrigin('recent', new Date(Date.now() - 10 * 86_400_000).toISOString());
  assert.match(await commitStep(recent.clone), /No new or changed posts/);
  assert.equal(await git(['rev-list', '--count', 'main'], recent.origin), '1');

  const quiet = await siteWithOrigin('quiet', new Date(Date.now() - 51 * 86_400_000).toISOString());
  await commitStep(quiet.clone);
  assert.equal(
    await git(['log', '-1', '--format=%an|%s', 'main'], quiet.origin),
    'github-actions[bot]|feedmill: keep the hourly schedule running [skip ci]',
  );
});
