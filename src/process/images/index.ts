export { collectImageGarbage, type GarbageReport } from './collect-image-garbage.ts';
export {
  createImagesProcessor,
  type ImagesProcessorOptions,
  REFUSAL_RETRY_MS,
} from './create-images-processor.ts';
export { IMAGE_FILE_NAME, imageFileName } from './image-file-name.ts';
export {
  type AtomicWriter,
  createImageFolder,
  createMemoryImageFolder,
  type ImageFolder,
} from './image-folder.ts';
export { checkProxyTemplate, PROXY_PLACEHOLDERS, proxyUrl } from './proxy-url.ts';
export { type ImageType, type SniffedImage, sniffImageType } from './sniff-image-type.ts';
