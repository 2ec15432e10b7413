/** What a theme needs in a scaffolded site: its npm package (or none) and the renderers it uses. */
export interface ThemePreset {
  /**
   * The npm package of the theme and its version range; none for a theme built into feedmill
   * (templates/hexo-themes/<name>), which init copies into the site's themes/.
   */
  package?: { name: string; version: string };
  /** Extra dependencies the theme needs (renderers, generators), name → version range. */
  dependencies: Readonly<Record<string, string>>;
  /** The file under templates/themes/ with its settings. */
  configTemplate: string;
  /** Settings of the site's _config.yml that suit this theme (merged over the template's). */
  siteConfig?: Readonly<Record<string, unknown>>;
}

const STYLUS = { 'hexo-renderer-stylus': '^3.0.1' };
const EJS = { 'hexo-renderer-ejs': '^2.0.0' };

/** The theme `feedmill init` scaffolds without `--theme`. */
export const DEFAULT_THEME = 'feedmill-news';

/** Themes `feedmill init --theme` knows; the versions are the current ones on npm. */
export const THEME_PRESETS: Readonly<Record<string, ThemePreset>> = {
  // Built in: a small EJS theme made for these posts, a third of Volantis's build CPU
  // (docs/site-at-scale.md has the numbers).
  'feedmill-news': {
    dependencies: { ...EJS },
    configTemplate: 'feedmill-news.yml',
    // A news grid of 24 cards a page; the archive is a compact list, without the yearly and
    // monthly copies that the theme never links.
    siteConfig: {
      index_generator: { path: '', per_page: 24, order_by: '-date' },
      category_generator: { per_page: 24 },
      archive_generator: { per_page: 50, yearly: false, monthly: false },
    },
  },
  volantis: {
    package: { name: 'hexo-theme-volantis', version: '^6.8.3' },
    // Volantis renders EJS + Stylus and its search reads the JSON content generator's output
    // (content.json; nothing reads hexo-generator-search's search.xml, a copy of every post).
    dependencies: {
      ...EJS,
      ...STYLUS,
      'hexo-generator-json-content': '^4.2.3',
    },
    configTemplate: 'volantis.yml',
    // Volantis links only /archives/ itself: the yearly and monthly archive pages would be a
    // fifth of the build's pages that nothing links (docs/site-at-scale.md has the numbers).
    siteConfig: { archive_generator: { per_page: 10, yearly: false, monthly: false } },
  },
  icarus: {
    package: { name: 'hexo-theme-icarus', version: '^6.1.1' },
    // Icarus checks at start-up that its Inferno (JSX) renderer and Bulma are installed, at the
    // versions its own package.json lists: bulma-stylus 0.9 fails to compile with stylus 0.62.
    dependencies: {
      'hexo-renderer-inferno': '^1.0.2',
      'hexo-component-inferno': '^3.1.2',
      inferno: '^8.2.3',
      'inferno-create-element': '^8.2.3',
      'bulma-stylus': '0.8.0',
      ...STYLUS,
    },
    configTemplate: 'icarus.yml',
  },
  butterfly: {
    package: { name: 'hexo-theme-butterfly', version: '^5.7.0' },
    dependencies: { 'hexo-renderer-pug': '^3.0.0', ...STYLUS },
    configTemplate: 'butterfly.yml',
  },
  fluid: {
    package: { name: 'hexo-theme-fluid', version: '^1.9.9' },
    dependencies: { ...EJS, ...STYLUS },
    configTemplate: 'fluid.yml',
  },
  landscape: {
    package: { name: 'hexo-theme-landscape', version: '^1.1.0' },
    dependencies: { ...EJS, ...STYLUS },
    configTemplate: 'landscape.yml',
  },
  next: {
    package: { name: 'hexo-theme-next', version: '^8.29.0' },
    dependencies: { ...STYLUS },
    configTemplate: 'next.yml',
  },
};

/** The preset for a theme name; an unknown name gets `hexo-theme-<name>` and no extras. */
export function themePreset(name: string): { preset: ThemePreset; known: boolean } {
  const known = THEME_PRESETS[name];
  if (known) return { preset: known, known: true };
  return {
    preset: {
      package: { name: `hexo-theme-${name}`, version: '*' },
      dependencies: {},
      configTemplate: 'generic.yml',
    },
    known: false,
  };
}
