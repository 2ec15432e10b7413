import type { Subscription } from '../model.ts';
import { configNameOf, hashContent } from '../pipeline/index.ts';
import type { AsyncStore } from '../store/index.ts';
import { scheduleNextCheck } from '../watch/index.ts';
import type { renderFeed } from './render-feed.ts';
import type { RenderedStore } from './rendered-store.ts';

/** What one job needs from its worker (the render stage with the worker's fetchers bound). */
export interface JobEffects {
  store: AsyncStore;
  rendered: RenderedStore;
  render: (
    input: Omit<Parameters<typeof renderFeed>[0], 'target' | 'site' | 'fetcher' | 'fetchPage' | 'scope'>,
  ) => ReturnType<typeof renderFeed>;
  now: Date;
}

/**
 * One feed's job: read its state, render it, store the output (or record its failure: a feed's
 * failure completes the job, so backoff stays feedmill's), and say when to check it next.
 * Only a failure of the state itself throws, failing the attempt for pg-boss to retry.
 */
export async function renderJob(
  subscription: Subscription,
  intervalMinutes: number,
  effects: JobEffects,
): Promise<{ summary: string; at?: Date }> {
  const { store, rendered, now } = effects;
  const stored = await store.feed(subscription.source, configNameOf(subscription));
  if (stored.status === 'gone') return { summary: 'gone, not polled' };
  const [known, pruned, pending, cached] = await Promise.all([
    store.items(stored.id),
    store.prunedKeys(stored.id),
    rendered.pendingValidators(stored.id),
    rendered.processorValues(stored.id),
  ]);
  const validators = pending ?? {
    ...(stored.etag ? { etag: stored.etag } : {}),
    ...(stored.lastModified ? { lastModified: stored.lastModified } : {}),
  };
  const outcome = await effects.render({ subscription, stored, known, pruned, validators, cached, now });
  const after = (failures: number, finishedUntil?: Date) =>
    scheduleNextCheck(
      { intervalMinutes, consecutiveFailures: failures, ...(finishedUntil ? { finishedUntil } : {}) },
      now,
      Math.random,
    );
  // A finished feed (JSON Feed `expired`) is checked once a day, and its log line says so.
  const finishedNote = (finished: boolean, at: Date) =>
    finished
      ? `; finished: its feed says it will not be updated again; next check at ${at.toISOString()}`
      : '';
  switch (outcome.kind) {
    case 'rendered': {
      // A post whose published content is unchanged need not travel to the writer again.
      const changed = outcome.posts.filter(
        (post) => known.get(post.key)?.contentHash !== hashContent(post.content),
      );
      await rendered.saveRendered(stored.id, changed, outcome.update, outcome.cacheWrites, now);
      const finished = outcome.update.finished === true;
      const at = after(0, outcome.update.nextCheck);
      const resumed = stored.status === 'finished' && !finished ? '; resumed: no longer finished' : '';
      return {
        summary: `rendered ${changed.length} new or changed post(s)${finishedNote(finished, at)}${resumed}`,
        at,
      };
    }
    case 'not-modified': {
      // The feed's success, a redirect and the instance, as `run` records them; the journal is
      // the writer's and stays. Output waiting for publish carries the validators publish
      // records: the 304 answered those, and they stay the ones sent until it has run.
      const { validators: sent, ...update } = outcome.update;
      await store.recordNotModified(stored.id, {
        ...update,
        keepJournal: true,
        ...(pending === undefined && sent ? { validators: sent } : {}),
      });
      const finished = stored.status === 'finished';
      const at = after(0, outcome.update.nextCheck);
      return { summary: `not modified${finishedNote(finished, at)}`, at };
    }
    case 'gone':
      await store.markGone(stored.id, outcome.message);
      return { summary: outcome.message };
    case 'failed':
      // Other workers hold every fetch slot of the host: not the feed's failure, try again soon.
      if (outcome.code === 'HOST_BUSY')
        return { summary: outcome.message, at: new Date(now.getTime() + (5 + 5 * Math.random()) * 1000) };
      await store.recordFailure(stored.id, outcome.code, outcome.message, outcome.nextCheck);
      return {
        summary: `${outcome.message} [${outcome.code}]`,
        at: outcome.nextCheck ?? after(stored.consecutiveFailures + 1),
      };
  }
}
