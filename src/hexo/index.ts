export { HEXO_USAGE, type HexoArgs, type HexoContext, runHexoConsole } from './hexo-console.ts';
