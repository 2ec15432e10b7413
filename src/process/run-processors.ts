import type { Item } from '../model.ts';
import type { ItemProcessor, ProcessContext } from './item-processor.ts';

/** Runs processors in order, each on what the previous one kept. */
export async function runProcessors<T extends Item>(
  items: readonly T[],
  processors: readonly ItemProcessor<T>[],
  context: ProcessContext,
): Promise<T[]> {
  let current: T[] = [...items];
  for (const processor of processors) {
    if (current.length === 0) break;
    current = await processor.process(current, context);
  }
  return current;
}
