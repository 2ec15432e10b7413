import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { WorkflowStep } from './workflow-steps.ts';

interface Entry {
  key: string;
  /** Order of creation: GitHub restores the newest of several prefix matches. */
  created: number;
}

/**
 * GitHub's Actions cache as a folder, for workflow tests: `actions/cache/restore` and
 * `actions/cache/save` steps (through `stepOutputs`) and a `gh` stand-in for `gh cache list` and
 * `gh cache delete` (through `ghFolder`, to put first on PATH) share it. Matching as GitHub
 * documents it: an exact match of `key`, else the newest entry whose key starts with `key`, else
 * the same for each line of `restore-keys` in turn; an entry, once saved, is never overwritten.
 */
export class FakeActionsCache {
  readonly ghFolder: string;
  private readonly index: string;

  constructor(private readonly folder: string) {
    mkdirSync(join(folder, 'blobs'), { recursive: true });
    this.index = join(folder, 'index.json');
    if (!existsSync(this.index)) writeFileSync(this.index, '[]');
    this.ghFolder = join(folder, 'bin');
    mkdirSync(this.ghFolder, { recursive: true });
    writeFileSync(join(this.ghFolder, 'gh'), ghStandIn(this.index), { mode: 0o755 });
  }

  /** Keys present, oldest first. */
  keys(): string[] {
    return this.entries().map((entry) => entry.key);
  }

  /** Does what the cache action would for `step`, in `cwd`; other actions give no outputs. */
  stepOutputs(step: WorkflowStep, inputs: Record<string, string>, cwd: string): Record<string, string> {
    if (step.uses?.startsWith('actions/cache/restore@')) return this.restore(inputs, cwd);
    if (step.uses?.startsWith('actions/cache/save@')) {
      this.save(inputs, cwd);
      return {};
    }
    return {};
  }

  private restore(inputs: Record<string, string>, cwd: string): Record<string, string> {
    const key = required(inputs, 'key');
    const prefixes = [key, ...(inputs['restore-keys'] ?? '').split('\n')].map((line) => line.trim());
    const entries = this.entries();
    const found =
      entries.find((entry) => entry.key === key) ??
      prefixes
        .filter((prefix) => prefix !== '')
        .map((prefix) => newest(entries.filter((entry) => entry.key.startsWith(prefix))))
        .find((entry) => entry !== undefined);
    if (!found) return { 'cache-hit': 'false', 'cache-primary-key': key };
    const target = join(cwd, required(inputs, 'path'));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(this.blob(found.key), target);
    return {
      'cache-hit': String(found.key === key),
      'cache-primary-key': key,
      'cache-matched-key': found.key,
    };
  }

  private save(inputs: Record<string, string>, cwd: string): void {
    const key = required(inputs, 'key');
    const source = join(cwd, required(inputs, 'path'));
    const entries = this.entries();
    // The action only warns in both cases; the job goes on.
    if (entries.some((entry) => entry.key === key) || !existsSync(source)) return;
    copyFileSync(source, this.blob(key));
    const created = Math.max(0, ...entries.map((entry) => entry.created)) + 1;
    writeFileSync(this.index, JSON.stringify([...entries, { key, created }]));
  }

  private entries(): Entry[] {
    return JSON.parse(readFileSync(this.index, 'utf8')) as Entry[];
  }

  private blob(key: string): string {
    return join(this.folder, 'blobs', encodeURIComponent(key));
  }
}

function newest(entries: Entry[]): Entry | undefined {
  return entries.reduce<Entry | undefined>(
    (best, entry) => (best === undefined || entry.created > best.created ? entry : best),
    undefined,
  );
}

function required(inputs: Record<string, string>, name: string): string {
  const value = inputs[name];
  if (!value) throw new Error(`the cache action needs "${name}"`);
  return value;
}

/**
 * `gh cache list --repo R --key PREFIX --json key --jq '.[].key'` (newest first, as gh lists) and
 * `gh cache delete --repo R [--] KEY` on the index; any other use fails loudly.
 */
function ghStandIn(index: string): string {
  return `#!/usr/bin/env node
const { readFileSync, writeFileSync } = require('node:fs');
const index = ${JSON.stringify(index)};
const args = process.argv.slice(2);
const option = (name) => { const at = args.indexOf(name); return at < 0 ? undefined : args[at + 1]; };
const entries = JSON.parse(readFileSync(index, 'utf8'));
if (!option('--repo')) { console.error('gh stand-in: --repo expected'); process.exit(2); }
if (args[0] === 'cache' && args[1] === 'list' && option('--json') === 'key' && option('--jq') === '.[].key') {
  const prefix = option('--key') ?? '';
  const listed = entries.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.created - a.created);
  for (const e of listed) console.log(e.key);
} else if (args[0] === 'cache' && args[1] === 'delete') {
  const key = args[args.length - 1];
  const kept = entries.filter((e) => e.key !== key);
  if (kept.length === entries.length) { console.error('X Could not find a cache matching ' + key); process.exit(1); }
  writeFileSync(index, JSON.stringify(kept));
  console.log('✓ Deleted ' + (entries.length - kept.length) + ' cache entry with key ' + key);
} else { console.error('gh stand-in: unexpected ' + args.join(' ')); process.exit(2); }
`;
}
