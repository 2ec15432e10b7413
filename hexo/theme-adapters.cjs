'use strict';
// Some themes feedmill scaffolds read a post's author, or lay out its images, in a way that the
// front matter feedmill writes (`author:` with any name a feed gives, an image URL that may
// break) does not meet. These adapters bridge that for the site's theme, and only for it.

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for a template that prints it unescaped (`<%- %>`), in an element or an attribute. */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/**
 * Volantis shows a post's `author` only when it is a key of site.data.author
 * (source/_data/author.yml); any other name gets the theme's default author, whose name is a
 * placeholder. Every post author missing from that file is listed with its own name and the
 * default author's avatar and link; the site's own entries win.
 */
function volantisAuthors(hexo) {
  const siteData = hexo.locals.getters.data;
  if (typeof siteData !== 'function') return;
  hexo.locals.set('data', () => {
    const data = siteData() || {};
    const listed = data.author && typeof data.author === 'object' ? data.author : {};
    const fallback = hexo.theme.config?.article?.body?.meta_library?.author || {};
    // The theme looks names up with `in`: no prototype, so a name like "constructor" is no key.
    const authors = Object.create(null);
    hexo.model('Post').forEach((post) => {
      const name = post.author;
      if (typeof name !== 'string' || name.trim() === '' || name in authors) return;
      authors[name] = {
        name: escapeHtml(name),
        avatar: fallback.avatar,
        url: fallback.url || hexo.config.root,
      };
    });
    Object.assign(authors, listed);
    return { ...data, author: authors };
  });
}

// Volantis marks an image that failed to load with `fix-error`, which stretches it to the full
// width of its box: the post's thumbnail, floated beside the meta line, then squeezes the meta
// line into a column one character wide. A broken thumbnail is hidden instead.
const VOLANTIS_BROKEN_THUMBNAIL =
  '<style>.article-meta img.thumbnail.fix-error{display:none!important}</style>';

/** Butterfly shows a post's author from `copyright_author`, else the site's author. */
function butterflyAuthors(hexo) {
  hexo.extend.filter.register('template_locals', (locals) => {
    const page = locals.page;
    if (page && typeof page.author === 'string' && page.author !== '' && page.copyright_author == null)
      page.copyright_author = page.author;
    return locals;
  });
}

/**
 * Landscape's post layout has no author at all, and NexT shows one only inside its licence box
 * (which would license the feeds' articles): a feedmill post's author is written as a byline
 * above its body when the page is rendered. The post file itself is left as feedmill wrote it.
 */
function bylineAuthors(hexo) {
  hexo.extend.filter.register('after_post_render', (data) => {
    const author = data.author;
    if (data.feedmill === undefined || typeof author !== 'string' || author.trim() === '') return data;
    data.content = `<p class="feedmill-byline"><em>${escapeHtml(author)}</em></p>${data.content}`;
    return data;
  });
}

/**
 * Landscape's layout opens every page with a bare `<html>`, so browsers and screen readers never
 * learn the site's `language`. That one fixed start tag of the theme's layout gets a `lang`.
 */
function landscapeLanguage(hexo) {
  const configured = hexo.config?.language;
  const language = Array.isArray(configured) ? configured[0] : configured;
  if (typeof language !== 'string' || language === '' || language === 'default') return;
  const tag = `<html lang="${escapeHtml(language)}">`;
  hexo.extend.filter.register('after_render:html', (html) => {
    const at = html.indexOf('<html>');
    if (at === -1) return html;
    // Only the layout's own start tag, which nothing but the doctype precedes.
    const before = html.slice(0, at).trim();
    if (before !== '' && before.toLowerCase() !== '<!doctype html>') return html;
    return `${html.slice(0, at)}${tag}${html.slice(at + '<html>'.length)}`;
  });
}

/** Registers the adapters for the site's theme (`theme:` in _config.yml). */
module.exports = function registerThemeAdapters(hexo) {
  const theme = hexo.config?.theme;
  if (theme === 'volantis') {
    volantisAuthors(hexo);
    hexo.extend.injector?.register('head_end', VOLANTIS_BROKEN_THUMBNAIL);
  } else if (theme === 'butterfly') {
    butterflyAuthors(hexo);
  } else if (theme === 'landscape' || theme === 'next') {
    bylineAuthors(hexo);
    if (theme === 'landscape') landscapeLanguage(hexo);
  }
};
