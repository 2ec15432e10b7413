import { type DiagnosticCode, FeedmillError } from '../../errors.ts';
import type { CleanItem, ImagePolicy } from '../../model.ts';
import { percentEncode } from '../../percent-encode.ts';
import type { ImageLedger } from '../../store/index.ts';
import { createTurns } from '../host-turns.ts';
import type { CleanItemProcessor, FetchedPage, ProcessContext } from '../item-processor.ts';
import { imageFileName } from './image-file-name.ts';
import type { ImageFolder } from './image-folder.ts';
import { proxyUrl } from './proxy-url.ts';
import { findImages, rewriteImages } from './rewrite-images.ts';
import { sniffImageType } from './sniff-image-type.ts';

/** What the images processor of a run works with. */
export interface ImagesProcessorOptions {
  records: Pick<ImageLedger, 'find' | 'recordFile' | 'recordRefusal' | 'forget' | 'recordUses'>;
  folder: Pick<ImageFolder, 'has' | 'put'>;
  /** The URL path the folder is served at, ending in `/`, the site's root included (`/blog/images/feedmill/`). */
  urlPath: string;
  /**
   * New downloads in this run, all feeds together (a worker's job: its feed); past it images
   * stay remote until the next run.
   */
  maxDownloadsPerRun: number;
}

/** A refused image (not an image, too large, gone) is tried again after this long. */
export const REFUSAL_RETRY_MS = 7 * 24 * 60 * 60 * 1000;

const IMAGE_ACCEPT = 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.5';

type Outcome =
  | { kind: 'local'; file: string }
  | { kind: 'remote'; problem?: { code: DiagnosticCode; message: string } };

/**
 * The images processor (after clean): `proxy` rewrites image URLs through the template;
 * `local` downloads each image once (bytes checked by their signature, size and count capped),
 * stores it under its content hash and points the body, the post image and the uses table at
 * the copy. An image that cannot be copied keeps its remote URL and is reported.
 */
export function createImagesProcessor(local?: ImagesProcessorOptions): CleanItemProcessor {
  let downloads = 0;
  // One download per URL even when two feeds of the run share an image.
  const inFlight = new Map<string, Promise<Outcome>>();
  // A host's images are asked for one after another (the page fetcher allows one request per
  // host anyway), so that once one timed out the others are not asked for in this run: a host
  // that swallows connections would cost every image of it the whole deadline, every run.
  const turns = createTurns();
  const timedOut = new Map<string, string>();

  const download = async (
    url: string,
    policy: Extract<ImagePolicy, { mode: 'local' }>,
    context: ProcessContext,
    options: ImagesProcessorOptions,
  ): Promise<Outcome> => {
    const refuse = async (code: DiagnosticCode, message: string): Promise<Outcome> => {
      await options.records.recordRefusal(url, code, context.now);
      return { kind: 'remote', problem: { code, message } };
    };
    let page: FetchedPage;
    try {
      page = await context.fetchPage.get(url, { accept: IMAGE_ACCEPT, maxBytes: policy.maxBytes });
    } catch (error) {
      const failure = error instanceof FeedmillError ? error : undefined;
      const cause = error instanceof Error ? error.message : String(error);
      if (failure?.code === 'FETCH_TIMEOUT') timedOut.set(new URL(url).host, cause);
      if (failure?.code === 'FETCH_TOO_LARGE')
        return refuse('image-too-large', `image ${url} is larger than ${policy.maxBytes} bytes; kept remote`);
      // A missing image stays missing for a while; other failures are tried again next run.
      if (failure?.context.status === 404 || failure?.context.status === 410)
        return refuse(
          'image-download-failed',
          `image ${url} could not be downloaded (${cause}); kept remote`,
        );
      return {
        kind: 'remote',
        problem: {
          code: 'image-download-failed',
          message: `image ${url} could not be downloaded (${cause}); kept remote`,
        },
      };
    }
    const sniffed = sniffImageType(page.body);
    const claimed = page.contentType ? ` (served as ${page.contentType.split(';')[0]!.trim()})` : '';
    if (sniffed.kind === 'svg')
      return refuse('image-svg-refused', `image ${url} is SVG, which can carry script; kept remote`);
    if (sniffed.kind !== 'image')
      return refuse(
        'image-not-an-image',
        `${url}${claimed} is not a PNG, JPEG, GIF, WebP or AVIF image by its bytes; kept remote`,
      );
    const file = imageFileName(page.body, sniffed.type);
    // Written and synced before it is recorded, and recorded before any post refers to it.
    if (!(await options.folder.has(file))) await options.folder.put(file, page.body);
    await options.records.recordFile(url, file, context.now);
    return { kind: 'local', file };
  };

  const resolve = async (
    url: string,
    policy: Extract<ImagePolicy, { mode: 'local' }>,
    context: ProcessContext,
    options: ImagesProcessorOptions,
  ): Promise<Outcome> => {
    const known = await options.records.find(url);
    if (known?.kind === 'file') {
      if (await options.folder.has(known.file)) return { kind: 'local', file: known.file };
      // The copy vanished (deleted by hand, a killed garbage collection): fetch it again.
      await options.records.forget(url);
    } else if (
      known?.kind === 'refused' &&
      context.now.getTime() - Date.parse(known.checkedAt) < REFUSAL_RETRY_MS
    )
      return { kind: 'remote' };
    const host = new URL(url).host;
    return turns(host, () => {
      const cause = timedOut.get(host);
      if (cause !== undefined)
        return Promise.resolve<Outcome>({
          kind: 'remote',
          problem: {
            code: 'image-download-failed',
            message: `image ${url} was not asked for: ${host} timed out earlier in this run (${cause}); kept remote, tried again on the next run`,
          },
        });
      if (downloads >= options.maxDownloadsPerRun)
        return Promise.resolve<Outcome>({
          kind: 'remote',
          problem: {
            code: 'image-limit',
            message: `the run's limit of ${options.maxDownloadsPerRun} image downloads is reached; ${url} stays remote until a later run`,
          },
        });
      downloads++;
      return download(url, policy, context, options);
    });
  };

  const localize = (
    url: string,
    policy: Extract<ImagePolicy, { mode: 'local' }>,
    context: ProcessContext,
    options: ImagesProcessorOptions,
  ): Promise<Outcome> => {
    if (!isWebUrl(url)) return Promise.resolve({ kind: 'remote' });
    // Looked up and fetched once per URL even when the records answer later (PostgreSQL).
    const running = inFlight.get(url);
    if (running) return running;
    const started = resolve(url, policy, context, options).finally(() => inFlight.delete(url));
    inFlight.set(url, started);
    return started;
  };

  const localItem = async (
    item: CleanItem,
    policy: Extract<ImagePolicy, { mode: 'local' }>,
    context: ProcessContext,
    options: ImagesProcessorOptions,
  ): Promise<CleanItem> => {
    const images = findImages(item.body);
    const wanted = [
      ...new Set([...images.urls, ...(item.headImage ? [item.headImage] : [])].filter(isWebUrl)),
    ];
    const chosen = wanted.slice(0, policy.maxPerItem);
    if (wanted.length > chosen.length)
      context.diagnostics.push({
        code: 'image-limit',
        message: `${wanted.length - chosen.length} of ${wanted.length} images stay remote (max_per_item: ${policy.maxPerItem})`,
        item: item.url ?? item.key,
      });
    const outcomes = await Promise.all(chosen.map((url) => localize(url, policy, context, options)));
    const local = new Map<string, string>();
    chosen.forEach((url, index) => {
      const outcome = outcomes[index]!;
      if (outcome.kind === 'local') local.set(url, outcome.file);
      else if (outcome.problem) context.diagnostics.push({ ...outcome.problem, item: item.url ?? item.key });
    });
    // The uses are recorded before the post is written, so a file is never collected while a post on disk refers to it.
    await options.records.recordUses({ source: context.subscription.source }, item.key, [
      ...new Set(local.values()),
    ]);
    if (local.size === 0) return item;
    const address = (url: string) => {
      const file = local.get(url.trim());
      return file === undefined ? undefined : options.urlPath + file;
    };
    const changed: CleanItem = {
      ...item,
      body: rewriteImages(item.body, images, { replace: address, responsive: 'drop' }),
    };
    const head = item.headImage === undefined ? undefined : address(item.headImage);
    if (head !== undefined) changed.headImage = head;
    return changed;
  };

  return {
    name: 'images',
    async process(items, context) {
      const policy = context.subscription.images;
      if (policy === undefined || policy.mode === 'hotlink') return [...items];
      if (policy.mode === 'proxy') return items.map((item) => proxyItem(item, policy.template));
      if (local === undefined) {
        context.diagnostics.push({
          code: 'image-download-failed',
          message:
            "images: local needs an image folder, which this site's output target does not name; images stay remote",
        });
        return [...items];
      }
      const out: CleanItem[] = [];
      for (const item of items) out.push(await localItem(item, policy, context, local));
      return out;
    },
  };
}

/** An item whose image URLs (body, srcset candidates, post image) go through the proxy template. */
function proxyItem(item: CleanItem, template: string): CleanItem {
  const address = (url: string) => {
    const proxied = proxyUrl(template, url);
    return proxied === undefined ? undefined : safeUrlText(proxied);
  };
  const images = findImages(item.body);
  const changed: CleanItem = {
    ...item,
    body: rewriteImages(item.body, images, { replace: address, responsive: 'rewrite' }),
  };
  const head = item.headImage === undefined ? undefined : address(item.headImage);
  if (head !== undefined) changed.headImage = head;
  return changed;
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url.trim());
}

/**
 * Themes print the post image raw into attributes and CSS `url()`, and Hexo's renderers treat
 * braces and backticks specially: percent-encode the characters a URL may still hold that could
 * break out of either (RFC 3986 §2.1 makes the encoded form equivalent for `~`).
 */
function safeUrlText(url: string): string {
  return percentEncode(url, /['() {}`~"<>\\]/g);
}
