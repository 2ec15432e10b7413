import type { FeedStatus } from '../../store/index.ts';

/** A feed's state as `status` shows it, on either backend. */
export type FeedState = 'ok' | 'finished' | 'failing' | 'never-run';

/** A stored feed's state: failing wins over finished, which is not a failure. */
export function feedState(status: FeedStatus | undefined): FeedState {
  if (status === undefined) return 'never-run';
  if (status.consecutiveFailures > 0 || status.gone === true) return 'failing';
  return status.finished ? 'finished' : 'ok';
}

/** The STATE column. */
export function feedStateText(state: FeedState): string {
  return state === 'failing' ? 'FAILING' : state === 'never-run' ? '-' : state;
}
