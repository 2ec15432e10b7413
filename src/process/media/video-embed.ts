/** Hosts of the players {@link videoEmbed} points at: the clean stage must keep their iframes. */
export const EMBED_HOSTS: readonly string[] = [
  'www.youtube-nocookie.com',
  'player.vimeo.com',
  'player.bilibili.com',
];

/** An embeddable player for a video page: its iframe URL and the site it plays from. */
export interface VideoEmbed {
  site: 'youtube' | 'vimeo' | 'bilibili';
  src: string;
}

const YOUTUBE_ID = /^[\w-]{11}$/;
// Player paths of YouTube's that are eleven characters long but name no video: a playlist's
// (`embed/videoseries?list=…`) and a channel's live stream (`embed/live_stream?channel=…`).
const YOUTUBE_NOT_IDS: ReadonlySet<string> = new Set(['videoseries', 'live_stream']);
const VIMEO_ID = /^\d{1,12}$/;
const BILIBILI_BVID = /^BV[0-9A-Za-z]{10}$/;
const BILIBILI_AID = /^av(\d{1,12})$/i;

/**
 * The player of a YouTube, Vimeo or Bilibili video page or player URL (watch, short, embed and
 * `/v/` forms), or undefined for any other URL. Only ids of the sites' formats are accepted, so
 * nothing of the feed's URL reaches the iframe but the id.
 */
export function videoEmbed(url: string | undefined): VideoEmbed | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.toLowerCase().replace(/^(?:www|m|music)\./, '');
  const segments = parsed.pathname.split('/').filter(Boolean);
  if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const [first, second] = segments;
    const id =
      first === 'watch'
        ? parsed.searchParams.get('v')
        : first === 'embed' || first === 'v' || first === 'shorts' || first === 'live'
          ? second
          : undefined;
    return youtube(id);
  }
  if (host === 'youtu.be') return youtube(segments[0]);
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const id =
      host === 'player.vimeo.com' ? (segments[0] === 'video' ? segments[1] : undefined) : segments[0];
    if (id && VIMEO_ID.test(id)) return { site: 'vimeo', src: `https://player.vimeo.com/video/${id}` };
    return undefined;
  }
  if (host === 'bilibili.com' || host === 'player.bilibili.com') {
    const bvid =
      host === 'player.bilibili.com'
        ? parsed.searchParams.get('bvid')
        : segments[0] === 'video'
          ? segments[1]
          : null;
    const aid = host === 'player.bilibili.com' ? parsed.searchParams.get('aid') : null;
    if (bvid && BILIBILI_BVID.test(bvid))
      return { site: 'bilibili', src: `https://player.bilibili.com/player.html?bvid=${bvid}&autoplay=0` };
    const av = bvid ? BILIBILI_AID.exec(bvid)?.[1] : aid && /^\d{1,12}$/.test(aid) ? aid : undefined;
    if (av) return { site: 'bilibili', src: `https://player.bilibili.com/player.html?aid=${av}&autoplay=0` };
  }
  return undefined;
}

function youtube(id: string | null | undefined): VideoEmbed | undefined {
  if (!id || !YOUTUBE_ID.test(id) || YOUTUBE_NOT_IDS.has(id)) return undefined;
  return { site: 'youtube', src: `https://www.youtube-nocookie.com/embed/${id}` };
}
