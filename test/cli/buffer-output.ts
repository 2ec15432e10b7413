import type { Output } from '../../src/cli/index.ts';

/** An Output that records what the CLI prints, as a terminal (isTTY) or a pipe. */
export function bufferOutput(isTTY: boolean, columns = 80): Output & { stdout: string; stderr: string } {
  const buffer = {
    stdout: '',
    stderr: '',
    isTTY,
    columns,
    out(text: string) {
      buffer.stdout += text;
    },
    err(text: string) {
      buffer.stderr += text;
    },
  };
  return buffer;
}
