import { escapeHtml, escapeHtmlAttribute } from '../../escape-html.ts';
import type { Item, MediaFile } from '../../model.ts';
import { bodyMedia } from './body-media.ts';
import { videoEmbed } from './video-embed.ts';

/** Markup added around an item's body: players and an embed before it, a gallery and files after. */
export interface MediaMarkup {
  before: string;
  after: string;
}

/**
 * The HTML that shows an item's media (docs/media.md): an embedded player for a YouTube, Vimeo or
 * Bilibili video (from media:player, the item's link or an attachment), an `<audio>` or `<video>`
 * player with a download link for each audio or video file, a gallery of its images and links to
 * other files. Files the body already shows, and an embed when the body has a player the clean stage
 * keeps (an iframe on one of `iframeHosts`), are left out.
 */
export function mediaMarkup(item: Item, iframeHosts: readonly string[]): MediaMarkup {
  // The body is read only when there is media to compare it with or an embed to add: most items
  // have neither, and reading every body cost a tenth of a first run.
  let read: ReturnType<typeof bodyMedia> | undefined;
  const shown = () => {
    read ??= bodyMedia(item.html, item.url);
    return read;
  };
  const media = (item.media ?? []).filter((file) => !shown().urls.has(file.url));
  const before: string[] = [];
  const after: string[] = [];
  const candidates = [item.player, item.url, ...(item.media ?? []).map((file) => file.url)];
  const found = candidates.map(videoEmbed).find((candidate) => candidate !== undefined);
  // An iframe the clean stage keeps is the feed's own player; one it drops does not count.
  const embed = found && !shown().frames.some((src) => isAllowedFrame(src, iframeHosts)) ? found : undefined;
  if (embed) before.push(iframe(embed.src));
  const players = media.filter((file) => file.kind === 'audio' || file.kind === 'video');
  for (const file of players) before.push(player(file, item.image));
  const images = media.filter((file) => file.kind === 'image');
  if (images.length > 0) after.push(gallery(images, item.title));
  // A video site's own file (YouTube's /v/ flash URL) is the embed already.
  const others = media.filter((file) => file.kind === 'other' && !videoEmbed(file.url));
  if (others.length > 0)
    after.push(
      `<ul class="feedmill-files">${others.map((file) => `<li>${download(file)}</li>`).join('')}</ul>`,
    );
  return { before: before.join(''), after: after.join('') };
}

/** The clean stage's rule: an https iframe on a listed host or a subdomain of one. */
function isAllowedFrame(src: string, hosts: readonly string[]): boolean {
  if (!src.startsWith('https://')) return false;
  const host = new URL(src).hostname.toLowerCase();
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

function iframe(src: string): string {
  // The players need the page's origin as referrer (the site's no-referrer meta would break them).
  return (
    `<div class="feedmill-embed"><iframe src="${escapeHtmlAttribute(src)}" width="640" height="360" frameborder="0" ` +
    'allow="encrypted-media; fullscreen; picture-in-picture" allowfullscreen loading="lazy" ' +
    'referrerpolicy="strict-origin-when-cross-origin"></iframe></div>'
  );
}

function player(file: MediaFile, poster: string | undefined): string {
  const source = `<source src="${escapeHtmlAttribute(file.url)}" type="${escapeHtmlAttribute(file.type)}">`;
  // preload="none": nothing is fetched from the origin until the reader presses play.
  const element =
    file.kind === 'audio'
      ? `<audio controls preload="none">${source}</audio>`
      : `<video controls preload="none" playsinline${poster ? ` poster="${escapeHtmlAttribute(poster)}"` : ''}${
          file.width && file.height ? ` width="${file.width}" height="${file.height}"` : ''
        }>${source}</video>`;
  return `<figure class="feedmill-${file.kind}">${element}<figcaption>${download(file)}</figcaption></figure>`;
}

function gallery(images: readonly MediaFile[], title: string): string {
  const figures = images.map((image) => {
    const size = image.width && image.height ? ` width="${image.width}" height="${image.height}"` : '';
    return `<img src="${escapeHtmlAttribute(image.url)}" alt="${escapeHtmlAttribute(title)}"${size}>`;
  });
  return `<div class="feedmill-gallery">${figures.join('')}</div>`;
}

/** A download link: the file's name, then its type, size and duration when known. */
function download(file: MediaFile): string {
  const details = [
    label(file),
    file.sizeInBytes ? bytes(file.sizeInBytes) : '',
    file.durationInSeconds ? duration(file.durationInSeconds) : '',
  ]
    .filter(Boolean)
    .join(', ');
  const name = file.title || fileName(file.url);
  return `<a href="${escapeHtmlAttribute(file.url)}">${escapeHtml(`Download ${name}`)}</a>${details ? ` (${escapeHtml(details)})` : ''}`;
}

function label(file: MediaFile): string {
  const subtype = file.type.split('/')[1] ?? '';
  if (file.type === 'audio/mpeg') return 'MP3';
  if (!subtype || subtype === 'octet-stream') return '';
  return subtype.replace(/^x-/, '').toUpperCase();
}

function fileName(url: string): string {
  const path = URL.canParse(url) ? new URL(url).pathname : url;
  const last = path.split('/').filter(Boolean).at(-1) ?? '';
  try {
    return decodeURIComponent(last) || 'file';
  } catch {
    return last || 'file';
  }
}

function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function duration(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
