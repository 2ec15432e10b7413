export type {
  CleanItemProcessor,
  FetchedPage,
  ItemProcessor,
  PageFetcher,
  ProcessContext,
  ProcessorCache,
} from './item-processor.ts';
export { runProcessors } from './run-processors.ts';
