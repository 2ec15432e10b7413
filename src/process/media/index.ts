export { createMediaProcessor, MEDIA, mediaProcessorFor } from './media-processor.ts';
export { EMBED_HOSTS, type VideoEmbed, videoEmbed } from './video-embed.ts';
