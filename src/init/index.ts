export {
  type FeedmillDependency,
  lookUpPublished,
  PACKAGE_ROOT,
  type PackageIdentity,
  packPackage,
  readPackageIdentity,
} from './feedmill-dependency.ts';
export { type NpmResult, type RunNpm, runNpm } from './run-npm.ts';
export { HUGO_THEME, type HugoScaffoldOptions, scaffoldHugoSite } from './scaffold-hugo-site.ts';
export {
  assertScaffoldTarget,
  type ScaffoldOptions,
  type ScaffoldResult,
  scaffoldSite,
  TEMPLATES_DIR,
} from './scaffold-site.ts';
export { DEFAULT_THEME, THEME_PRESETS, type ThemePreset, themePreset } from './theme-presets.ts';
export { RSSHUB_WAIT_STEP_ID, type WorkflowOptions, workflowFor } from './workflow-for.ts';
export { type LockfileOutcome, writeSiteLockfile } from './write-site-lockfile.ts';
