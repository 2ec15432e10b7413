import { hugoSecondPass } from '../../../test/support/hugo-second-pass.ts';
import { testMarkupEquivalence } from '../../../test/support/markup-equivalence.ts';
import { HUGO_MARKUP } from './hugo-markup.ts';

// The clean stage writing Hugo's form (HUGO_MARKUP) must give, byte for byte, what the renderer's
// former second pass gave over the plain HTML (test/support/hugo-second-pass.ts).
testMarkupEquivalence('Hugo', HUGO_MARKUP, hugoSecondPass);
