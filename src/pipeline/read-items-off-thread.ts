import { Worker, type WorkerOptions } from 'node:worker_threads';
import { type ErrorCode, type ErrorContext, FeedmillError } from '../errors.ts';
import { createHostLimiter } from '../fetch/index.ts';
import type { Item } from '../model.ts';
import type { ReadItems, ReadItemsInput } from './read-items-now.ts';

/** What the worker sends: slices of the items, then the rest of what was read; or why it failed. */
export type ReadItemsMessage =
  | { kind: 'items'; items: Item[] }
  | ({ kind: 'done' } & Omit<ReadItems, 'normalized'>)
  | { kind: 'failed'; code: ErrorCode; message: string; context: ErrorContext }
  | { kind: 'crashed'; message: string; stack: string };

/** Items copied from the worker per message: a big feed's items never wait in one copy. */
const SLICE_ITEMS = 500;

/**
 * Parse and normalize in a worker thread of their own, which ends once the items are back: the
 * body's bytes are moved to it (not copied), and everything reading them allocated goes with it.
 * The items come back as copies, so none of their strings keeps the decoded document alive.
 */
export function readItemsOffThread(bytes: Uint8Array, input: ReadItemsInput): Promise<ReadItems> {
  return readers.run('', () => readInWorker(bytes, input));
}

/**
 * Big feeds read at once, whatever the run's concurrency: each worker holds a document and its
 * parse, and a run of eight 50 MB feeds must not hold eight.
 */
const MAX_READERS = 2;
const readers = createHostLimiter(MAX_READERS, MAX_READERS);

function readInWorker(bytes: Uint8Array, input: ReadItemsInput): Promise<ReadItems> {
  const owned = ownBuffer(bytes);
  const { subscription, fetched, now } = input;
  // Only what reading uses is copied to the worker (a caller may pass a whole fetch result).
  const sent: ReadItemsInput = {
    subscription,
    fetched: {
      url: fetched.url,
      ...(fetched.contentType === undefined ? {} : { contentType: fetched.contentType }),
    },
    now,
  };
  const worker = startWorker({
    workerData: { bytes: owned, input: sent, slice: SLICE_ITEMS },
    transferList: [owned.buffer],
    name: 'feedmill read-items',
    // Parsing makes short-lived objects by the million: a young generation smaller than V8's
    // default (up to 48 MB) is collected more often and keeps ~10 MB less at the peak.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  return new Promise((resolve, reject) => {
    const normalized: Item[] = [];
    let last: ReadItemsMessage | undefined;
    worker.on('message', (message: ReadItemsMessage) => {
      if (message.kind !== 'items') {
        last = message;
        return;
      }
      for (const item of message.items) normalized.push(item);
      worker.postMessage('more');
    });
    worker.once('error', (error) => {
      last ??= {
        kind: 'crashed',
        message: `reading the feed failed in its worker: ${error.message}`,
        stack: error.stack ?? '',
      };
    });
    // Settled when the worker has ended, so that its memory is given back before the items go on.
    worker.once('exit', (code) => {
      if (last === undefined || last.kind === 'items')
        reject(new Error(`the worker reading the feed stopped (exit code ${code}) before answering`));
      else if (last.kind === 'done') {
        const { kind: _done, ...read } = last;
        resolve({ ...read, normalized });
      } else if (last.kind === 'failed') reject(new FeedmillError(last.code, last.message, last.context));
      else {
        const failure = new Error(last.message);
        failure.stack = last.stack || failure.stack;
        reject(failure);
      }
    });
  });
}

/**
 * The worker, from the module beside this one: `read-items-worker.js` when built (tsc's output
 * and the bundle both put it there). Run from the TypeScript sources (tests, `node --import tsx`),
 * the `.ts` module needs tsx in the worker too, and tsx registers itself in the main thread only
 * on Node 20: the worker registers it before importing its module.
 */
function startWorker(options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./read-items-worker.js', import.meta.url), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./read-items-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...options, eval: true, execArgv: [] });
}

/** The bytes in an ArrayBuffer of their own, which can be moved to another thread. */
function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const buffer = bytes.buffer;
  const whole = bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength;
  if (whole && buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  return new Uint8Array(bytes);
}
