/** What is known about a request that failed before its response was complete. */
export interface FailedAttempt {
  /** The request went out on a kept-alive connection an earlier exchange had used (`req.reusedSocket`). */
  reusedSocket: boolean;
  /** Whether any byte of this request's response had arrived. */
  responseStarted: boolean;
  /** The error's `code`, when it has one. */
  code: string | undefined;
}

/** Connection errors a peer's close of an idle connection shows up as, on write or on read. */
const CLOSED_WHILE_IDLE = new Set(['ECONNRESET', 'EPIPE']);

/**
 * Whether a failed GET may be sent again on a new connection: only when it went out on a reused
 * connection the server had closed while idle and no byte of the answer came back (RFC 9112
 * §9.3.1, for idempotent methods, RFC 9110 §9.2.2). A cut body or a fresh connection's reset is a real failure.
 */
export function isStaleConnectionFailure(attempt: FailedAttempt): boolean {
  return attempt.reusedSocket && !attempt.responseStarted && CLOSED_WHILE_IDLE.has(attempt.code ?? '');
}
