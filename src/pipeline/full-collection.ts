import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8's full garbage collection, for a thread that knows a big graph just died and must give
 * its memory back before it allocates more (V8 would wait for the heap to grow first). Node
 * exposes it only behind a flag that can still be set at run time for new contexts; where that
 * fails, the collection is left to V8 (nothing breaks, memory is only given back later).
 */
export function fullCollection(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const collect: unknown = runInNewContext('gc');
    if (typeof collect === 'function') return () => void collect();
  } catch {
    // Left to V8.
  }
  return () => {};
}
