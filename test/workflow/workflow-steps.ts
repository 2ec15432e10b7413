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
 * Runs a job's `run:` steps in order in `cwd` as the runner does on Linux (`bash -e`, the job's
 * env, $GITHUB_OUTPUT/$GITHUB_ENV/$GITHUB_STEP_SUMMARY files) and stops at the first failing
 * step. `uses:` steps are left out (and those `only` rejects); `afterStep` may prepare what a
 * skipped action would have.
 */
export async function runJobSteps(
  job: WorkflowJob,
  cwd: string,
  env: NodeJS.ProcessEnv,
  options: { afterStep?: (step: WorkflowStep) => void; only?: (step: WorkflowStep) => boolean } = {},
): Promise<StepResult[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'feedmill-runner-'));
  const results: StepResult[] = [];
  try {
    const summary = join(scratch, 'summary.md');
    const githubEnv = join(scratch, 'env');
    writeFileSync(summary, '');
    writeFileSync(githubEnv, '');
    for (const [index, step] of job.steps.entries()) {
      if (step.run === undefined || (options.only && !options.only(step))) continue;
      if (step.run.includes('${{') || step.if !== undefined)
        throw new Error(
          `step ${step.name ?? step.run}: a run step with expressions cannot be run outside Actions`,
        );
      const script = join(scratch, `step-${index}.sh`);
      const outputFile = join(scratch, `output-${index}`);
      writeFileSync(script, step.run);
      writeFileSync(outputFile, '');
      const stepEnv: NodeJS.ProcessEnv = {
        ...env,
        ...job.env,
        ...readKeyValues(githubEnv),
        ...step.env,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: outputFile,
        GITHUB_ENV: githubEnv,
        GITHUB_STEP_SUMMARY: summary,
      };
      const { code, output } = await runBash(script, cwd, stepEnv);
      results.push({ step, code, output, outputs: readKeyValues(outputFile) });
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

function readKeyValues(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values[line.slice(0, at)] = line.slice(at + 1);
  }
  return values;
}
