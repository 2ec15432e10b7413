export { type ScaffoldOptions, type ScaffoldResult, scaffoldSite, TEMPLATES_DIR } from './scaffold-site.ts';
export { THEME_PRESETS, type ThemePreset, themePreset } from './theme-presets.ts';
