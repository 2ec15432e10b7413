import { Transform } from 'node:stream';
import zlib from 'node:zlib';

const OPTIONS = { finishFlush: zlib.constants.Z_FINISH };

/**
 * Decodes Content-Encoding "deflate": the zlib format (RFC 9110 §8.4.1.2), or the bare DEFLATE
 * data (RFC 1951) that some servers send under that name and that browsers accept as well. The
 * first two bytes tell them apart: a zlib header names compression method 8 in its low nibble
 * and, read as a 16-bit number, is a multiple of 31 (RFC 1950 §2.2); bare data rarely starts
 * so (browsers tell them apart the same way). A stream cut short fails either way (Z_FINISH).
 */
export function createDeflateDecoder(): Transform {
  let inner: zlib.Inflate | zlib.InflateRaw | undefined;
  let head = Buffer.alloc(0);
  const start = (zlibFormat: boolean) => {
    const decoder = zlibFormat ? zlib.createInflate(OPTIONS) : zlib.createInflateRaw(OPTIONS);
    decoder.on('data', (data: Buffer) => outer.push(data));
    decoder.once('error', (error) => outer.destroy(error));
    return decoder;
  };
  const outer = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let data = chunk;
      if (inner === undefined) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 2) return callback();
        inner = start(isZlibHeader(head));
        data = head;
        head = Buffer.alloc(0);
      }
      if (inner.write(data)) callback();
      else inner.once('drain', () => callback());
    },
    flush(callback) {
      // Fewer than two bytes in all: zlib says what is wrong with them.
      inner ??= start(true);
      inner.once('end', () => callback());
      inner.end(head);
    },
    destroy(error, callback) {
      inner?.destroy();
      callback(error);
    },
  });
  return outer;
}

function isZlibHeader(bytes: Buffer): boolean {
  return (bytes[0]! & 0x0f) === 8 && bytes[0]! >> 4 <= 7 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0;
}
