import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One step of a GitHub Actions job, as written in the workflow file. */
export interface WorkflowStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

/** A job's steps and the environment the workflow and the job set for them. */
export interface WorkflowJob {
  steps: WorkflowStep[];
  env: Record<string, string>;
}

/** Reads one job of a workflow file: its steps and the workflow-level plus job-level `env`. */
export function readWorkflowJob(workflowFile: string, job: string): WorkflowJob {
  const workflow = parse(readFileSync(workflowFile, 'utf8')) as {
    env?: Record<string, string>;
    jobs: Record<string, { env?: Record<string, string>; steps: WorkflowStep[] }>;
  };
  const found = workflow.jobs[job];
  if (!found) throw new Error(`${workflowFile} has no job ${job}`);
  return { steps: found.steps, env: { ...workflow.env, ...found.env } };
}

/** What one `run:` step did. */
export interface StepResult {
  step: WorkflowStep;
  code: number;
  output: string;
  /** What the step wrote to $GITHUB_OUTPUT, as key=value pairs. */
  outputs: Record<string, string>;
}

/**
 * Runs a job's steps in order in `cwd` as the runner does on Linux: each `run:` step with `bash
 * -e`, the job's env, $GITHUB_OUTPUT/$GITHUB_ENV/$GITHUB_STEP_SUMMARY files, GITHUB_RUN_ID and
 * friends; it stops at the first failing step. `uses:` steps are left out unless `uses` stands
 * in for them (and so are those `only` rejects); `afterStep` may prepare what a skipped action
 * would have. In a step's `env` and `with`, `${{ steps.ID.outputs.NAME }}` is what an earlier
 * step gave (empty, as in Actions, for an output nobody set) and `${{ github.NAME }}` what
 * `github` gives (any other expression fails).
 */
export async function runJobSteps(
  job: WorkflowJob,
  cwd: string,
  env: NodeJS.ProcessEnv,
  options: {
    afterStep?: (step: WorkflowStep) => void;
    only?: (step: WorkflowStep) => boolean;
    github?: Record<string, string>;
    /**
     * Stands in for `uses:` steps (which `only` lets through): gets the step and its `with:`
     * with expressions resolved, returns the step's outputs.
     */
    uses?: (step: WorkflowStep, inputs: Record<string, string>) => Record<string, string>;
  } = {},
): Promise<StepResult[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'feedmill-runner-'));
  const results: StepResult[] = [];
  try {
    const summary = join(scratch, 'summary.md');
    const githubEnv = join(scratch, 'env');
    writeFileSync(summary, '');
    writeFileSync(githubEnv, '');
    const outputs: Record<string, Record<string, string>> = {};
    const resolve = (text: string) => resolveExpressions(text, outputs, options.github ?? {});
    for (const [index, step] of job.steps.entries()) {
      if (options.only && !options.only(step)) continue;
      if (step.uses !== undefined) {
        if (!options.uses || (step.if !== undefined && !evaluateCondition(step.if, outputs))) continue;
        const inputs = Object.fromEntries(
          Object.entries(step.with ?? {}).map(([name, value]) => [name, resolve(String(value))]),
        );
        const produced = options.uses(step, inputs);
        if (step.id !== undefined) outputs[step.id] = produced;
        continue;
      }
      if (step.run === undefined) continue;
      if (step.run.includes('${{') || step.if !== undefined)
        throw new Error(
          `step ${step.name ?? step.run}: a run step with expressions cannot be run outside Actions`,
        );
      const ownEnv = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([name, value]) => [name, resolve(String(value))]),
      );
      const script = join(scratch, `step-${index}.sh`);
      const outputFile = join(scratch, `output-${index}`);
      writeFileSync(script, step.run);
      writeFileSync(outputFile, '');
      const stepEnv: NodeJS.ProcessEnv = {
        ...env,
        ...job.env,
        ...readKeyValues(githubEnv),
        ...ownEnv,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_RUN_ID: env.GITHUB_RUN_ID ?? '1',
        GITHUB_RUN_ATTEMPT: env.GITHUB_RUN_ATTEMPT ?? '1',
        GITHUB_REPOSITORY: env.GITHUB_REPOSITORY ?? 'owner/site',
        GITHUB_OUTPUT: outputFile,
        GITHUB_ENV: githubEnv,
        GITHUB_STEP_SUMMARY: summary,
      };
      const { code, output } = await runBash(script, cwd, stepEnv);
      const written = readKeyValues(outputFile);
      if (step.id !== undefined) outputs[step.id] = written;
      results.push({ step, code, output, outputs: written });
      if (code !== 0) break;
      options.afterStep?.(step);
    }
    return results;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runBash(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-e', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Replaces each `${{ steps.ID.outputs.NAME }}` and `${{ github.NAME }}`; anything else fails. */
function resolveExpressions(
  text: string,
  steps: Record<string, Record<string, string>>,
  github: Record<string, string>,
): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (whole, expression: string) => {
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output) return steps[output[1]!]?.[output[2]!] ?? '';
    const context = /^github\.(\w+)$/.exec(expression);
    const value = context ? github[context[1]!] : undefined;
    if (value === undefined) throw new Error(`the runner here cannot evaluate ${whole}`);
    return value;
  });
}

/** `A == B` or `A != B` of `steps.ID.outputs.NAME` operands and quoted strings; nothing else. */
function evaluateCondition(condition: string, steps: Record<string, Record<string, string>>): boolean {
  const comparison = /^\s*(\S+)\s*(==|!=)\s*(\S+)\s*$/.exec(condition);
  if (!comparison) throw new Error(`the runner here cannot evaluate the condition ${condition}`);
  const operand = (text: string) => {
    const quoted = /^'([^']*)'$/.exec(text);
    if (quoted) return quoted[1]!;
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(text);
    if (output) return steps[output[1]!]?.[output[2]!] ?? '';
    throw new Error(`the runner here cannot evaluate ${text} in ${condition}`);
  };
  const equal = operand(comparison[1]!) === operand(comparison[3]!);
  return comparison[2] === '==' ? equal : !equal;
}

function readKeyValues(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values[line.slice(0, at)] = line.slice(at + 1);
  }
  return values;
}
