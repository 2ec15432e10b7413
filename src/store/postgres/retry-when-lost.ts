// Errors that mean the connection or the server went away (restart, failover, network), after
// which an operation that never reached COMMIT can safely run again on a new connection.
const CONNECTION_LOST = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNREFUSED',
  'ENOENT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

/** Waits before each retry: about 6 s in all, what a server takes to restart. */
const RESTART_DELAYS_MS = [100, 200, 400, 800, 1600, 3200];

/**
 * Whether `error` says the connection to PostgreSQL was lost or could not be made (the server
 * stopping, restarting or unreachable), rather than that the statement itself failed. An error
 * marked `final` (lost during COMMIT: it may have committed) is never taken as lost.
 */
export function isConnectionLost(error: unknown): boolean {
  if ((error as { final?: unknown } | undefined)?.final) return false;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && CONNECTION_LOST.has(code)) return true;
  return error instanceof Error && /Connection terminated|terminating connection/i.test(error.message);
}

/**
 * Runs `attempt`, again after a lost connection while `delayAfter(tries)` gives a wait (by
 * default about 6 s in all: a server restart); any other failure, or the last, is thrown.
 */
export async function retryWhenLost<T>(
  attempt: () => Promise<T>,
  delayAfter: (tries: number) => number | undefined = (tries) => RESTART_DELAYS_MS[tries],
): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const delay = isConnectionLost(error) ? delayAfter(tries) : undefined;
      if (delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
