'use strict';
// feedmill's Hexo console plugin. Hexo loads plugins and scripts/ files as CommonJS through
// vm, so this shim stays CommonJS and loads feedmill's ESM core lazily with import() when the
// command runs (never a top-level await). A site enables it with scripts/feedmill.js:
//   require('feedmill/hexo')(hexo);
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const registerThemeAdapters = require('./theme-adapters.cjs');

const CORE = pathToFileURL(join(__dirname, '..', 'dist', 'hexo', 'index.js')).href;

module.exports = function registerFeedmill(hexo) {
  // Themes render headimg/thumbnail themselves, without referrerpolicy, and hotlink-protected
  // image hosts (Sina's among them) refuse an image requested with a foreign Referer. A
  // site-wide referrer policy covers every image the theme shows; `feedmill: { referrer_meta:
  // false }` in the site's _config.yml turns it off.
  const settings = hexo.config?.feedmill || {};
  if (settings.referrer_meta !== false && hexo.extend.injector) {
    hexo.extend.injector.register('head_begin', '<meta name="referrer" content="no-referrer">');
  }
  // Where the site's theme reads a post's author or lays out a broken image differently.
  registerThemeAdapters(hexo);
  hexo.extend.console.register(
    'feedmill',
    'Fetch RSS/Atom/JSON feeds and RSSHub routes into posts (feedmill)',
    {
      usage: '<run|status> [options]',
      arguments: [
        { name: 'run', desc: "Fetch the feeds in feedmill.yml into this site's source/_posts" },
        { name: 'status', desc: "Show each feed's last success, last error, posts and next check" },
      ],
      options: [
        { name: '--config PATH', desc: 'feedmill config file (default: feedmill.yml in the site)' },
        { name: '--feed NAME', desc: 'run only this feed (name or URL); repeat for several' },
        { name: '--dry-run', desc: 'plan and print, write nothing' },
        { name: '--json', desc: 'machine-readable report' },
        { name: '--quiet', desc: 'print only errors' },
        { name: '--verbose', desc: 'print every feed with its source and warnings' },
      ],
    },
    (args) =>
      import(CORE)
        .catch((error) => {
          if (error && error.code === 'ERR_MODULE_NOT_FOUND')
            throw new Error(
              `feedmill is not built: ${CORE} is missing (run "npm run build" in ${join(__dirname, '..')}, or reinstall feedmill)`,
              { cause: error },
            );
          throw error;
        })
        .then((core) => core.runHexoConsole(hexo, args))
        .then((code) => {
          process.exitCode = code;
        }),
  );
};
