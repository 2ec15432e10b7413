import { isTag } from 'domhandler';
import type { CleanPass } from './clean-pass.ts';
import { Verdict } from './filter-nodes.ts';

// Classes feed markup may keep: feedmill's own (players, galleries, file lists) and the
// language of a code block (`language-js`, `lang-py`), which highlighters read.
const KEPT_CLASS = /^(?:feedmill|language|lang)-[A-Za-z0-9_+#.-]+$/;

/**
 * Drops the classes a feed gives its elements but those above. A class is a name in the
 * theme's style sheets and scripts: `fixed-top`, `modal` or `position-fixed` from a theme's
 * CSS framework put feed text over the page as surely as the `position: fixed` the style
 * filter removes. With `keep_style` (a trusted feed's own `<style>`, which names them) all
 * stay. Runs after the images pass, which reads classes such as `emoji` and `avatar`.
 */
export const limitClasses: CleanPass = (_root, { keepStyle }) =>
  keepStyle
    ? undefined
    : (node) => {
        if (!isTag(node)) return Verdict.Keep;
        const value = node.attribs.class;
        if (value === undefined) return Verdict.Keep;
        const kept = [...new Set(value.split(/[\t\n\f\r ]+/).filter((name) => KEPT_CLASS.test(name)))];
        if (kept.length === 0) delete node.attribs.class;
        else node.attribs.class = kept.join(' ');
        return Verdict.Keep;
      };
