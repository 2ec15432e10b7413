import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { TEMPLATES_DIR } from './index.ts';

// GitHub's runners removed Node 20 in September 2026 (announced 2025-09-19): an action whose
// action.yml says `using: node20` no longer starts, and a scaffolded site's first scheduled run
// would fail before it fetched a feed. The first major of each action that runs on Node 24:
const FIRST_NODE24_MAJOR: Readonly<Record<string, number>> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/cache/restore': 5,
  'actions/cache/save': 5,
  'actions/configure-pages': 6,
  // A composite action: v5 calls upload-artifact v7, the first on Node 24.
  'actions/upload-pages-artifact': 5,
  'actions/deploy-pages': 5,
};

test('every action the scaffolded workflows use is a major that runs on Node 24', () => {
  for (const site of ['site', 'hugo-site']) {
    const path = join(TEMPLATES_DIR, site, '.github', 'workflows', 'feedmill.yml');
    const workflow = parse(readFileSync(path, 'utf8'));
    const uses: string[] = Object.values(workflow.jobs as Record<string, { steps: { uses?: string }[] }>)
      .flatMap((job) => job.steps)
      .flatMap((step) => (step.uses ? [step.uses] : []));
    assert.ok(uses.length >= 5, `${site}: ${uses.join(', ')}`);
    for (const action of uses) {
      const [name, version] = action.split('@') as [string, string | undefined];
      const first = FIRST_NODE24_MAJOR[name];
      assert.ok(first !== undefined, `${site}: ${action} is not known to run on Node 24`);
      const major = Number(/^v(\d+)$/.exec(version ?? '')?.[1]);
      assert.ok(major >= first, `${site}: ${action} runs on Node 20; v${first} is the first on Node 24`);
    }
  }
});
