export {
  collectImageGarbage,
  createImageFolder,
  createImagesProcessor,
  createMemoryImageFolder,
  type GarbageReport,
  type ImageFolder,
  type ImagesProcessorOptions,
} from './images/index.ts';
export type {
  CleanItemProcessor,
  FetchedPage,
  ItemProcessor,
  ItemVerdict,
  PageFetcher,
  ProcessContext,
  ProcessorCache,
} from './item-processor.ts';
export {
  cleanProcessorsFor,
  openProcessorScope,
  type ProcessorScope,
  processorsFor,
} from './processors-for.ts';
export { refusingPageFetcher } from './refusing-page-fetcher.ts';
export { runProcessors } from './run-processors.ts';
