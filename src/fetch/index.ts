export { backsOff, nextCheckAfterFailure } from './backoff.ts';
export {
  createPageFetcher,
  DEFAULT_PAGE_FETCH,
  type HttpPageFetcher,
  type PageRequest,
} from './create-page-fetcher.ts';
export { decodePage } from './decode-page.ts';
export { createFetcher, type FeedRequest, type Fetcher, fetchFirst } from './fetch-feed.ts';
export {
  DEFAULT_FETCH_OPTIONS,
  type FetchOptions,
  type FetchResult,
  type Validators,
} from './fetch-result.ts';
export {
  FINISHED_CHECK_MS,
  finishedNextCheck,
  finishedNotModified,
  finishedUpdate,
  finishedWait,
} from './finished-feed.ts';
export { createHostLimiter, type HostLimiter } from './host-limiter.ts';
export { interpretResponse, parseRetryAfter, type ResponseDecision } from './interpret-response.ts';
export { redactUserinfo, withoutUserinfo } from './redact-userinfo.ts';
export { goneMessage, retryLaterMessage } from './unanswered-message.ts';
export { bindUrlEnv, expandUrlEnv, hideUrlEnv, MIN_HIDDEN_LENGTH, urlEnvNames } from './url-env.ts';
