// The worker thread that reads one big feed body (see readItemsOffThread): parse and normalize,
// then the items back to the run a slice at a time, each when the run asks for more, then the
// feed's own fields; or the error as data (an Error's class does not survive the copy between
// threads).
import { once } from 'node:events';
import { MessageChannel, type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { FeedmillError } from '../errors.ts';
import { type DecodedText, decodeBytes } from '../parse/index.ts';
import { detachStrings } from './detach-strings.ts';
import { type FeedBody, takeBytes } from './feed-body.ts';
import { fullCollection } from './full-collection.ts';
import { type ReadItems, type ReadItemsInput, readDecodedItems } from './read-items-now.ts';
import type { ReadItemsMessage } from './read-items-off-thread.ts';

const data = workerData as { bytes: Uint8Array | undefined; input: ReadItemsInput; slice: number };
// The bytes leave workerData, so that nothing refers to them once they are decoded.
const body = { bytes: data.bytes };
data.bytes = undefined;
const collect = fullCollection();

async function answer(port: MessagePort): Promise<void> {
  const post = (message: ReadItemsMessage) => port.postMessage(message);
  try {
    const decoded = await decodeAndFree(body, data.input.fetched.contentType);
    const { normalized, ...read } = readDetached(decoded, data.input);
    // Nothing refers to the document now: it goes before the items are copied to the run.
    collect();
    for (let start = 0; start < normalized.length; start += data.slice) {
      post({ kind: 'items', items: normalized.slice(start, start + data.slice) });
      // One slice copied at a time: the run asks for the next once it has this one.
      await once(port, 'message');
    }
    post({ kind: 'done', ...read });
  } catch (error) {
    post(
      error instanceof FeedmillError
        ? { kind: 'failed', code: error.code, message: error.message, context: error.context }
        : { kind: 'crashed', message: (error as Error).message, stack: (error as Error).stack ?? '' },
    );
  }
  port.close();
}

/**
 * Parse and normalize, then copies of what was read that share no memory with the document
 * (every parsed string is a view into it: see detachStrings), so that the document can be
 * freed before the items are sent while the run's copies of them pile up. The parse's garbage
 * is collected first, so the copies take its place instead of growing the heap. Synchronous,
 * so that no frame keeps the text or the first result once it returns.
 */
function readDetached(holder: { text: DecodedText | undefined }, input: ReadItemsInput): ReadItems {
  const decoded = holder.text;
  holder.text = undefined;
  if (decoded === undefined) throw new Error('a feed body was read twice');
  const read = readDecodedItems(decoded, input);
  // The last regular expression match keeps its subject (RegExp.input): make it an empty one.
  /(?:)/.exec('');
  collect();
  return detachStrings(read);
}

/**
 * The body decoded, its bytes freed before the text is parsed. V8 frees a buffer's memory only
 * when it collects the object that owns it, at a full collection this short-lived worker may
 * never run; so the buffer is moved (transferred) into a message on a channel whose two ends are
 * closed, which drops the message and frees the memory once the close completes.
 */
async function decodeAndFree(
  holder: FeedBody,
  contentType: string | undefined,
): Promise<{ text: DecodedText | undefined }> {
  const bytes = takeBytes(holder);
  const decoded = decodeBytes(bytes, contentType);
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(null, [bytes.buffer as ArrayBuffer]);
  const closed = once(port2, 'close');
  port1.close();
  port2.close();
  await closed;
  // In a holder that reading empties: the caller's async frame keeps what it awaited.
  return { text: decoded };
}

if (parentPort) await answer(parentPort);
