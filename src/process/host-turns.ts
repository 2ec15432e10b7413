/** Runs tasks with the same key one after another, each once the one before it settled. */
export type Turns = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/** Turns per key (an image's host): a task waits for the key's earlier tasks, whatever they gave. */
export function createTurns(): Turns {
  const last = new Map<string, Promise<void>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const result = (last.get(key) ?? Promise.resolve()).then(task);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    last.set(key, settled);
    void settled.then(() => {
      if (last.get(key) === settled) last.delete(key);
    });
    return result;
  };
}
