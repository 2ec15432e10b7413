import { FeedmillError } from '../errors.ts';
import { createHostLimiter, type Fetcher, type FetchResult, type HostLimiter } from '../fetch/index.ts';
import { applyInstanceHealthChange } from '../store/index.ts';
import {
  type CooldownPolicy,
  changeOf,
  type InstanceHealth,
  type InstanceHealthStore,
  type InstanceOutcome,
  isCooling,
  lastHeard,
} from './instance-health.ts';
import { instanceLabel, type RsshubInstance, toInstances } from './instances.ts';
import { rsshubErrorMessage } from './rsshub-error-page.ts';

/** An instance as the run's fetcher knows it: its report label and its own concurrency limit. */
export interface InstanceLimit {
  /** `instanceLabel(instance)`: what FeedLocation.instance carries. */
  label: string;
  /** Fetches in flight at once to this instance; absent: only `http.per_host` applies. */
  concurrency?: number;
}

/** What the health-keeping fetcher needs. */
export interface InstanceHealthOptions {
  instances: readonly InstanceLimit[];
  store: InstanceHealthStore;
  policy: CooldownPolicy;
  now: () => Date;
  /** Told when an instance starts a cool-down (for the run's warnings). */
  onCooldown?: (health: InstanceHealth) => void;
}

/** The health fetcher's options from the config's `rsshub:` block: each instance's limit and the cool-down. */
export function instanceHealthOptionsOf(
  rsshub: {
    instances: readonly (string | RsshubInstance)[];
    cooldown_after: number;
    cooldown_minutes: number;
  },
  effects: Pick<InstanceHealthOptions, 'store' | 'now' | 'onCooldown'>,
): InstanceHealthOptions {
  return {
    instances: toInstances(rsshub.instances).map((instance) => ({
      label: instanceLabel(instance),
      ...(instance.concurrency === undefined ? {} : { concurrency: instance.concurrency }),
    })),
    policy: { after: rsshub.cooldown_after, durationMs: rsshub.cooldown_minutes * 60_000 },
    ...effects,
  };
}

/** The warning an instance's cool-down is worth, in the log and the job summary. */
export function describeCooldown(health: InstanceHealth): string {
  return `RSSHub instance ${health.instance} failed ${health.consecutiveFailures} times in a row (last: ${health.lastError ?? 'unknown'}): skipped until ${health.coolingUntil} while another instance answers`;
}

/**
 * Wraps the run's fetcher (inside the key-masking one's results) for RSSHub locations: each
 * instance's fetches are limited to its `concurrency`; each answer or failure updates its
 * health in the state; and an instance cooling down is skipped, with no request, while any
 * other configured instance is not cooling (when all are, all are tried, in order).
 */
export function instanceHealthFetcher(inner: Fetcher, options: InstanceHealthOptions): Fetcher {
  const health = new Map<string, InstanceHealth>(options.store.read().map((row) => [row.instance, row]));
  const limiters = new Map<string, HostLimiter>();
  for (const { label, concurrency } of options.instances) {
    if (concurrency !== undefined) limiters.set(label, createHostLimiter(concurrency, concurrency));
  }
  const labels = options.instances.map((instance) => instance.label);
  const record = (label: string, outcome: InstanceOutcome) => {
    const now = options.now();
    const change = changeOf(outcome, now, options.policy);
    if (change === undefined) return;
    const before = health.get(label) ?? { instance: label, consecutiveFailures: 0 };
    const after = applyInstanceHealthChange(before, change);
    health.set(label, after);
    options.store.write(after, change);
    if (isCooling(after, now) && !isCooling(before, now)) options.onCooldown?.(after);
  };
  // What other workers recorded since: a row that heard from its instance later than ours
  // wins, and so does one that heard last what we did (the stored row after our own change,
  // with the failures other workers added to it).
  const catchUp = () => {
    const now = options.now();
    for (const row of options.store.readAgain?.() ?? []) {
      const own = health.get(row.instance);
      if (own !== undefined && lastHeard(row) < lastHeard(own)) continue;
      health.set(row.instance, row);
      // Our failure is the one that started the cool-down, counted with the others' failures.
      if (
        own?.lastFailure !== undefined &&
        row.lastFailure === own.lastFailure &&
        isCooling(row, now) &&
        !isCooling(own, now)
      )
        options.onCooldown?.(row);
    }
  };
  return {
    async fetch(location, validators, request) {
      const label = location.kind === 'http' ? location.instance : undefined;
      if (label === undefined) return inner.fetch(location, validators, request);
      catchUp();
      const now = options.now();
      const own = health.get(label);
      if (
        isCooling(own, now) &&
        labels.some((other) => other !== label && !isCooling(health.get(other), now))
      ) {
        throw new FeedmillError(
          'FETCH_FAILED',
          `skipped ${label}: cooling down until ${own?.coolingUntil} after ${own?.consecutiveFailures} failures in a row (last: ${own?.lastError ?? 'unknown'})`,
        );
      }
      const task = async () => {
        try {
          // The 429/503 page is read here, to tell RSSHub's route error page from the instance's.
          const result = await inner.fetch(location, validators, { ...request, keepAnswerText: true });
          if (result.kind !== 'retry-later') {
            record(label, outcomeOfResult(result));
            return result;
          }
          // A route that failed on the instance (its error page) says nothing of the instance.
          const { answerText, ...answer } = result;
          const routeError = rsshubErrorMessage(answerText);
          record(label, routeError === undefined ? outcomeOfResult(answer) : { kind: 'neutral' });
          return routeError === undefined ? answer : { ...answer, reason: `RSSHub: ${routeError}` };
        } catch (error) {
          record(label, outcomeOfError(error));
          throw error;
        }
      };
      const limiter = limiters.get(label);
      return limiter ? limiter.run(label, task) : task();
    },
    close: () => inner.close?.(),
  };
}

/**
 * 429 and 503 say the instance is overloaded (but a 503 with RSSHub's own error page, which the
 * caller tells apart, is the route's); 410 and 304 are about the route, or fine.
 */
function outcomeOfResult(result: FetchResult): InstanceOutcome {
  if (result.kind === 'retry-later') {
    return {
      kind: 'failed',
      error: `HTTP ${result.status}`,
      ...(result.retryAfterMs === undefined ? {} : { retryAfterMs: result.retryAfterMs }),
    };
  }
  if (result.kind === 'gone') return { kind: 'neutral' };
  return { kind: 'answered' };
}

/**
 * Network errors, timeouts, 5xx and 429 count against the instance; anything else (404, a
 * refused key, a body too large) would be the same elsewhere. Only the code and status are
 * kept: messages quote URLs.
 */
function outcomeOfError(error: unknown): InstanceOutcome {
  if (!(error instanceof FeedmillError)) return { kind: 'failed', error: 'FETCH_FAILED' };
  if (error.code === 'FETCH_FAILED' || error.code === 'FETCH_TIMEOUT')
    return { kind: 'failed', error: error.code };
  const status = error.context.status;
  if (error.code === 'FETCH_HTTP_STATUS' && status !== undefined && (status >= 500 || status === 429)) {
    return { kind: 'failed', error: `HTTP ${status}` };
  }
  return { kind: 'neutral' };
}
