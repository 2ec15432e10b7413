import { hexoSecondPass } from '../../../test/support/hexo-second-pass.ts';
import { testMarkupEquivalence } from '../../../test/support/markup-equivalence.ts';
import { HEXO_MARKUP } from './hexo-markup.ts';

// The clean stage writing Hexo's form (HEXO_MARKUP) must give, byte for byte, what the renderer's
// former second pass gave over the plain HTML (test/support/hexo-second-pass.ts).
testMarkupEquivalence('Hexo', HEXO_MARKUP, hexoSecondPass);
