import { type LoadedConfig, parseConfig, requireSqliteState } from '../../config/index.ts';
import { readConfigFile } from '../../config/read-config-file.ts';
import type { Subscription } from '../../model.ts';
import { readFeedStatus } from '../../store/index.ts';
import { resolveSubscriptions } from '../../subscriptions/index.ts';
import type { WatchedFeed } from '../../watch/index.ts';

const DEFAULT_INTERVAL_MINUTES = 30;

/** One valid reading of the config, as `watch` works from it. */
export interface WatchedConfig {
  loaded: LoadedConfig;
  subscriptions: Subscription[];
  feeds: WatchedFeed[];
}

/** What changed when an edited config was read. */
export interface ConfigChange {
  added: string[];
  removed: string[];
  feeds: number;
}

/**
 * Follows the config file while `watch` runs: `current()` reads the file and, when its text
 * changed, validates it (`latest()` gives the config in use without reading). A valid edit replaces the config (`onReloaded`); an invalid one, or a
 * file that cannot be read, is reported once (`onRejected`) and the last valid config goes on.
 */
export function followConfig(
  file: string,
  handlers: {
    onReloaded: (change: ConfigChange) => void;
    onRejected: (error: unknown) => void;
  },
  env: Readonly<Record<string, string | undefined>> = process.env,
): { current: () => WatchedConfig; latest: () => WatchedConfig } {
  const first = readConfigFile(file);
  let text = first.text;
  let watched = watchedConfig(requireSqliteState(parseConfig(text, first.absolute, env), 'watch'), true);
  // The reading last refused (its text, or its read error), so it is reported once, not each minute.
  let refused: string | undefined;
  return {
    latest: () => watched,
    current() {
      let next: { absolute: string; text: string };
      try {
        next = readConfigFile(file);
      } catch (error) {
        const reason = `\0${(error as Error).message}`;
        if (refused !== reason) handlers.onRejected(error);
        refused = reason;
        return watched;
      }
      if (next.text === text || next.text === refused) return watched;
      try {
        const loaded = requireSqliteState(parseConfig(next.text, next.absolute, env), 'watch');
        const before = new Set(watched.feeds.map((feed) => feed.name));
        const reloaded = watchedConfig(loaded, false);
        const after = new Set(reloaded.feeds.map((feed) => feed.name));
        watched = reloaded;
        text = next.text;
        refused = undefined;
        handlers.onReloaded({
          added: [...after].filter((name) => !before.has(name)),
          removed: [...before].filter((name) => !after.has(name)),
          feeds: after.size,
        });
      } catch (error) {
        refused = next.text;
        handlers.onRejected(error);
      }
      return watched;
    },
  };
}

/**
 * The feeds of a config with their intervals and the schedule an earlier watch kept. At start
 * a state database that cannot be read stops the watch; on a reload it only costs the schedule
 * (the cycle then reports the database's failure).
 */
function watchedConfig(loaded: LoadedConfig, atStart: boolean): WatchedConfig {
  const subscriptions = resolveSubscriptions(loaded);
  // A restart keeps the schedule an earlier watch recorded (Retry-After, backoff), so
  // restarting does not hit every feed at once.
  const stored = new Map(storedStatus(loaded, atStart).map((status) => [status.url, status.nextCheck]));
  const feeds = subscriptions.map((subscription, index): WatchedFeed => {
    const nextCheck = stored.get(subscription.source);
    const firstCheck = nextCheck ? new Date(nextCheck) : undefined;
    return {
      name: subscription.name,
      intervalMinutes:
        loaded.config.feeds[index]?.interval_minutes ??
        loaded.config.interval_minutes ??
        DEFAULT_INTERVAL_MINUTES,
      ...(firstCheck && !Number.isNaN(firstCheck.getTime()) ? { firstCheck } : {}),
    };
  });
  return { loaded, subscriptions, feeds };
}

function storedStatus(loaded: LoadedConfig, atStart: boolean): ReturnType<typeof readFeedStatus> {
  try {
    return readFeedStatus(loaded.statePath);
  } catch (error) {
    if (atStart) throw error;
    return [];
  }
}
