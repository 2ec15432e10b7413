export { main } from './main.ts';
export { type Output, processOutput } from './output.ts';
