import { Worker } from 'node:worker_threads';

/** One regular expression to try on some texts: it matches when it matches any of them. */
export interface RegexRequest {
  source: string;
  flags: string;
  texts: readonly string[];
}

/** Per request: whether it matched, or `timeout` when it ran past the deadline (or did so earlier in the run). */
export type RegexOutcome = boolean | 'timeout';

/**
 * Runs filter regular expressions off the main thread under a deadline, so that a pathological
 * pattern (catastrophic backtracking) costs at most one deadline per run instead of hanging it.
 */
export interface RegexRunner {
  test(requests: readonly RegexRequest[]): Promise<RegexOutcome[]>;
  /** Ends the worker; the runner starts a new one if used again. */
  close(): Promise<void>;
}

/** How long one item's regular expressions may take together. */
export const REGEX_DEADLINE_MS = 500;

/**
 * Creates the runner. Its worker starts on first use (a run without regular expressions pays
 * nothing) and, idle, does not keep the process alive. A request past the deadline ends the worker
 * (V8 interrupts even a backtracking match); the pattern counts as timed out for the rest of the
 * runner's life, and the item's other requests run on a fresh worker.
 */
export function createRegexRunner(deadlineMs = REGEX_DEADLINE_MS): RegexRunner {
  let worker: Promise<Worker> | undefined;
  let progress = new Int32Array(new SharedArrayBuffer(4));
  const poisoned = new Set<string>();
  let serial = 0;
  let queue: Promise<unknown> = Promise.resolve();

  /** A new worker, once it runs: its start-up is not counted against the deadline. */
  const start = () => {
    progress = new Int32Array(new SharedArrayBuffer(4));
    const started = new Worker(`(${workerMain.toString()})()`, { eval: true, workerData: { progress } });
    return new Promise<Worker>((resolve, reject) => {
      started.once('online', () => resolve(started));
      started.once('error', reject);
    });
  };
  const stop = async () => {
    const ending = worker;
    worker = undefined;
    if (ending) await (await ending.catch(() => undefined))?.terminate();
  };

  /** Sends the requests as one batch; resolves with the matches, or the index that ran out of time. */
  const batch = async (requests: readonly RegexRequest[]) => {
    worker ??= start();
    const running = await worker;
    return new Promise<{ matched: boolean[] } | { timedOut: number }>((resolve, reject) => {
      const id = ++serial;
      // Held open only while it works: an idle worker must not keep a finished run alive.
      running.ref();
      const done = () => {
        running.unref();
        clearTimeout(timer);
        running.off('message', onMessage);
        running.off('error', onError);
      };
      const onMessage = (message: { id: number; matched: boolean[] }) => {
        if (message.id !== id) return;
        done();
        resolve({ matched: message.matched });
      };
      const onError = (error: Error) => {
        done();
        worker = undefined;
        reject(error);
      };
      const timer = setTimeout(() => {
        done();
        const index = Atomics.load(progress, 0);
        void stop().then(() => resolve({ timedOut: index }), reject);
      }, deadlineMs);
      running.on('message', onMessage);
      running.on('error', onError);
      running.postMessage({ id, requests });
    });
  };

  const run = async (requests: readonly RegexRequest[]): Promise<RegexOutcome[]> => {
    const outcomes: RegexOutcome[] = requests.map((request) =>
      poisoned.has(keyOf(request)) ? 'timeout' : false,
    );
    let pending = outcomes.flatMap((outcome, index) => (outcome === 'timeout' ? [] : [index]));
    while (pending.length > 0) {
      const answer = await batch(pending.map((index) => requests[index]!));
      if ('matched' in answer) {
        answer.matched.forEach((matched, at) => {
          outcomes[pending[at]!] = matched;
        });
        break;
      }
      // Everything before the slow request finished; only its verdicts are lost with the worker.
      const slow = pending[answer.timedOut]!;
      outcomes[slow] = 'timeout';
      poisoned.add(keyOf(requests[slow]!));
      pending = pending.filter((index) => index !== slow);
    }
    return outcomes;
  };

  return {
    test(requests) {
      // One batch at a time: feeds run concurrently, the worker is one thread.
      const result = queue.then(() => run(requests));
      queue = result.catch(() => undefined);
      return result;
    },
    close: stop,
  };
}

const keyOf = (request: RegexRequest) => `${request.flags}/${request.source}`;

/**
 * The worker's body, run from its source text (so it needs no file of its own in src/ or dist/).
 * It records the index of the request it is on, so that the main thread can name a slow one.
 */
function workerMain(): void {
  // Evaluated as a CommonJS script inside the worker.
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const progress = (workerData as { progress: Int32Array }).progress;
  const compiled = new Map<string, RegExp>();
  parentPort!.on('message', (message: { id: number; requests: RegexRequest[] }) => {
    const matched = message.requests.map((request, index) => {
      Atomics.store(progress, 0, index);
      const key = `${request.flags}/${request.source}`;
      let pattern = compiled.get(key);
      if (!pattern) {
        pattern = new RegExp(request.source, request.flags);
        compiled.set(key, pattern);
      }
      return request.texts.some((text) => pattern.test(text));
    });
    parentPort!.postMessage({ id: message.id, matched });
  });
}
