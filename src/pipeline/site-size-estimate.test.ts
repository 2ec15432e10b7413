import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  type BuildCost,
  buildCurveFor,
  describeHexoBuild,
  estimateHexoBuild,
  formatCount,
  formatCpu,
  formatMemory,
  HEXO_BUILD_CURVE,
  postsWithin,
  RUNNER_MEMORY_MIB,
  siteBuildCurve,
  siteSizeWarning,
  VOLANTIS_BUILD_CURVE,
  WARN_SHARE,
} from './site-size-estimate.ts';

const CURVE: readonly BuildCost[] = [
  { posts: 0, cpuSeconds: 10, peakMiB: 100 },
  { posts: 1000, cpuSeconds: 30, peakMiB: 500 },
  { posts: 3000, cpuSeconds: 130, peakMiB: 1500 },
];

test('the estimate is the measured point, interpolated between points, extrapolated past the last', () => {
  assert.deepEqual(estimateHexoBuild(1000, CURVE), { posts: 1000, cpuSeconds: 30, peakMiB: 500 });
  assert.deepEqual(estimateHexoBuild(500, CURVE), { posts: 500, cpuSeconds: 20, peakMiB: 300 });
  assert.deepEqual(estimateHexoBuild(2000, CURVE), { posts: 2000, cpuSeconds: 80, peakMiB: 1000 });
  // Past 3,000 the last segment's slope (50 ms and 0.5 MiB a post) goes on.
  assert.deepEqual(estimateHexoBuild(5000, CURVE), { posts: 5000, cpuSeconds: 230, peakMiB: 2500 });
  assert.deepEqual(estimateHexoBuild(0, CURVE), { posts: 0, cpuSeconds: 10, peakMiB: 100 });
  assert.deepEqual(estimateHexoBuild(-3, CURVE), { posts: 0, cpuSeconds: 10, peakMiB: 100 });
});

test('the shipped curves grow with the posts and are sorted', () => {
  for (const curve of [HEXO_BUILD_CURVE, VOLANTIS_BUILD_CURVE])
    for (let index = 1; index < curve.length; index++) {
      const [before, after] = [curve[index - 1]!, curve[index]!];
      assert.ok(
        after.posts > before.posts && after.cpuSeconds > before.cpuSeconds && after.peakMiB > before.peakMiB,
      );
    }
});

test("a site is estimated with its theme's curve: Volantis's own, any other the default's", () => {
  assert.equal(buildCurveFor('volantis'), VOLANTIS_BUILD_CURVE);
  assert.equal(buildCurveFor('feedmill-news'), HEXO_BUILD_CURVE);
  assert.equal(buildCurveFor(undefined), HEXO_BUILD_CURVE);
  const root = mkdtempSync(join(tmpdir(), 'feedmill-curve-'));
  try {
    assert.equal(siteBuildCurve(root), HEXO_BUILD_CURVE, 'no _config.yml');
    writeFileSync(join(root, '_config.yml'), 'title: x\ntheme: volantis\n');
    assert.equal(siteBuildCurve(root), VOLANTIS_BUILD_CURVE);
    writeFileSync(join(root, '_config.yml'), 'theme: [volantis\n');
    assert.equal(siteBuildCurve(root), HEXO_BUILD_CURVE, 'unreadable YAML');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('postsWithin inverts the memory estimate', () => {
  assert.equal(postsWithin(1000, CURVE), 2000);
  assert.equal(postsWithin(500, CURVE), 1000);
  assert.equal(postsWithin(99, CURVE), 0);
  const limit = postsWithin(RUNNER_MEMORY_MIB);
  assert.ok(estimateHexoBuild(limit).peakMiB <= RUNNER_MEMORY_MIB);
  assert.ok(estimateHexoBuild(limit + 1).peakMiB > RUNNER_MEMORY_MIB);
});

test('formats memory and CPU for people', () => {
  assert.equal(formatMemory(800), '800 MiB');
  assert.equal(formatMemory(1946), '1.9 GiB');
  assert.equal(formatCpu(45), '45 s');
  assert.equal(formatCpu(600), '10 min');
  assert.equal(formatCpu(9000), '2.5 h');
  assert.match(
    describeHexoBuild(12_345),
    /^12,345 feedmill post\(s\); the next hexo generate needs about .+ of CPU and .+ of memory/,
  );
});

test('writes counts with thousands grouped as en-US does', () => {
  for (const count of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 30_000, -4321, 1234.6])
    assert.equal(formatCount(count), Math.round(count).toLocaleString('en-US'));
});

test('no warning while the build fits easily; a warning with numbers and remedies before the limit', () => {
  const quiet = postsWithin(RUNNER_MEMORY_MIB * WARN_SHARE - 1);
  assert.equal(siteSizeWarning(1000), undefined);
  assert.equal(siteSizeWarning(quiet), undefined);
  const near = siteSizeWarning(quiet + 200);
  assert.ok(near);
  assert.match(near, /close to the 7\.0 GiB of a GitHub-hosted runner/);
  assert.match(near, /keep: \{ max_items_per_feed: …, max_age_days: … \}/);
  assert.match(near, /generator: hugo/);
  assert.match(near, /about [\d,]+ build comfortably/);
  const over = siteSizeWarning(postsWithin(RUNNER_MEMORY_MIB) + 1);
  assert.match(over ?? '', /GiB of memory and .+ of CPU, beyond the 7\.0 GiB/);
  // A bigger runner moves the line.
  assert.equal(siteSizeWarning(quiet + 200, 16 * 1024), undefined);
});
