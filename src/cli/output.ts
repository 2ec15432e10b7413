/** Where the CLI prints; the real process streams, or buffers in tests. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal (live progress) or a log/pipe (plain lines). */
  isTTY: boolean;
  /** Terminal width, when known. */
  columns?: number;
}

/** The process's own stdout and stderr. */
export const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  get columns() {
    return process.stdout.columns;
  },
};
