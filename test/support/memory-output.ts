import type { Output } from '../../src/cli/output.ts';
import type { Subscription } from '../../src/model.ts';

/** An Output that keeps what is written, as a terminal (`isTTY`) of `columns` or a pipe. */
export function memoryOutput(isTTY: boolean, columns: number): Output & { stdout: string; stderr: string } {
  const output = {
    stdout: '',
    stderr: '',
    isTTY,
    columns,
    out(text: string) {
      output.stdout += text;
    },
    err(text: string) {
      output.stderr += text;
    },
  };
  return output;
}

/** A subscription with nothing but its name (for reports and progress lines). */
export const namedSubscription = (name: string): Subscription => ({
  name,
  source: name,
  locations: [],
  categories: [],
  limit: 15,
  timezone: 'UTC',
});
