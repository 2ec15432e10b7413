import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';

/**
 * How much the next `hexo generate` of a site will cost, from its post count and the curve
 * measured by bench/site/bench-site.ts on a site scaffolded by `feedmill init` (its theme
 * preset), and the warning a run or `feedmill status` gives before the build hits a runner's memory.
 */

/** One measured point: a clean `hexo generate` of `posts` feedmill posts. */
export interface BuildCost {
  posts: number;
  /** CPU time (user + system) of the build, seconds. */
  cpuSeconds: number;
  /** Peak resident memory of the build, MiB. */
  peakMiB: number;
}

/**
 * The measured curve of the default preset (docs/site-at-scale.md): the built-in feedmill-news
 * theme, Hexo 8, 16 KB posts, `hexo generate --concurrency 16` as the scaffold runs it, on a
 * 2-core machine. Other presets than Volantis are estimated with it too.
 */
export const HEXO_BUILD_CURVE: readonly BuildCost[] = [
  { posts: 0, cpuSeconds: 1, peakMiB: 110 },
  { posts: 1000, cpuSeconds: 6, peakMiB: 340 },
  { posts: 10_000, cpuSeconds: 54, peakMiB: 2790 },
];

/** The measured curve of the Volantis preset, the same way. */
export const VOLANTIS_BUILD_CURVE: readonly BuildCost[] = [
  { posts: 0, cpuSeconds: 4, peakMiB: 190 },
  { posts: 1000, cpuSeconds: 26, peakMiB: 810 },
  { posts: 2000, cpuSeconds: 58, peakMiB: 1490 },
  { posts: 5000, cpuSeconds: 190, peakMiB: 3430 },
  { posts: 10_000, cpuSeconds: 656, peakMiB: 5980 },
];

/** The curve for a site's theme (`theme:` of its _config.yml): Volantis's own, else the default's. */
export function buildCurveFor(theme: string | undefined): readonly BuildCost[] {
  return theme === 'volantis' ? VOLANTIS_BUILD_CURVE : HEXO_BUILD_CURVE;
}

/** The curve for the Hexo site in `siteRoot`, by the theme its _config.yml names (none: the default's). */
export function siteBuildCurve(siteRoot: string): readonly BuildCost[] {
  try {
    // As Hexo reads it (js-yaml); `yaml` is not loaded by a scheduled run.
    const config: unknown = jsYaml.load(readFileSync(join(siteRoot, '_config.yml'), 'utf8'));
    const theme =
      config && typeof config === 'object' ? (config as Record<string, unknown>).theme : undefined;
    return buildCurveFor(typeof theme === 'string' ? theme : undefined);
  } catch {
    return HEXO_BUILD_CURVE;
  }
}

/** Memory of the smallest GitHub-hosted runner (private repositories), MiB. */
export const RUNNER_MEMORY_MIB = 7 * 1024;
/** Share of the runner's memory from which a run warns: the curve is an estimate, themes differ. */
export const WARN_SHARE = 0.6;

/** The estimated cost of a build of `posts` posts: interpolated, beyond the curve extrapolated. */
export function estimateHexoBuild(posts: number, curve: readonly BuildCost[] = HEXO_BUILD_CURVE): BuildCost {
  const count = Math.max(0, posts);
  let index = curve.findIndex((point) => point.posts >= count);
  // Past the last point the last segment's slope goes on (the curve grows faster, not slower).
  if (index < 0) index = curve.length - 1;
  const upper = curve[Math.max(1, index)]!;
  const lower = curve[Math.max(1, index) - 1]!;
  const share = (count - lower.posts) / (upper.posts - lower.posts);
  const at = (key: 'cpuSeconds' | 'peakMiB') => lower[key] + share * (upper[key] - lower[key]);
  return { posts: count, cpuSeconds: Math.round(at('cpuSeconds')), peakMiB: Math.round(at('peakMiB')) };
}

/** The most posts whose estimated build stays within `peakMiB`. */
export function postsWithin(peakMiB: number, curve: readonly BuildCost[] = HEXO_BUILD_CURVE): number {
  let low = 0;
  let high = 1_000_000;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (estimateHexoBuild(middle, curve).peakMiB <= peakMiB) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** `1.9 GiB`, `800 MiB`. */
export function formatMemory(mib: number): string {
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${mib} MiB`;
}

/** `40 s`, `5 min`, `1.5 h`. */
export function formatCpu(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * `12,345`: a whole count with comma-grouped thousands, as en-US writes it, without `toLocaleString`
 * (whose first call loads ICU's number data: a tenth of a run that fetches nothing new).
 */
export function formatCount(count: number): string {
  const digits = String(Math.abs(Math.round(count)));
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return (count <= -0.5 ? '-' : '') + groups.join(',');
}

/** One line for a summary: the post count and what the next build is estimated to need. */
export function describeHexoBuild(posts: number, estimate: BuildCost = estimateHexoBuild(posts)): string {
  return (
    `${formatCount(posts)} feedmill post(s); the next hexo generate needs about ` +
    `${formatCpu(estimate.cpuSeconds)} of CPU and ${formatMemory(estimate.peakMiB)} of memory ` +
    "(estimated from the theme preset's measured curve, see docs/site-at-scale.md)"
  );
}

/**
 * The warning for a site whose next build is estimated to need `WARN_SHARE` of the runner's
 * memory or more, saying what to do; undefined below that.
 */
export function siteSizeWarning(
  posts: number,
  runnerMiB = RUNNER_MEMORY_MIB,
  curve: readonly BuildCost[] = HEXO_BUILD_CURVE,
): string | undefined {
  const estimate = estimateHexoBuild(posts, curve);
  if (estimate.peakMiB < runnerMiB * WARN_SHARE) return undefined;
  const beyond = estimate.peakMiB >= runnerMiB;
  const comfortable = Math.floor(postsWithin(runnerMiB * 0.5, curve) / 1000) * 1000;
  return (
    `the site holds ${formatCount(posts)} feedmill posts: the next hexo generate needs about ` +
    `${formatMemory(estimate.peakMiB)} of memory and ${formatCpu(estimate.cpuSeconds)} of CPU, ` +
    `${beyond ? 'beyond' : 'close to'} the ${formatMemory(runnerMiB)} of a GitHub-hosted runner. ` +
    `Keep fewer posts (about ${formatCount(comfortable)} build comfortably): set ` +
    'keep: { max_items_per_feed: …, max_age_days: … } in feedmill.yml (the next run prunes; ' +
    '`feedmill prune --dry-run` shows what goes). A site on Volantis or another heavy theme ' +
    'builds with a third of the memory on the built-in feedmill-news theme; Hugo (generator: hugo), ' +
    "its heap held by the scaffolded workflow's GOMEMLIMIT, builds more posts within a runner. " +
    'See docs/site-at-scale.md'
  );
}
