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
// The hash an unlisted Vimeo video plays with only (`vimeo.com/ID/HASH`, the player's `h=`).
const VIMEO_HASH = /^[0-9a-f]{6,32}$/i;
// A YouTube start time as its links write it: seconds (`90`, `90s`) or `1h2m3s` parts.
const YOUTUBE_TIME = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?$/;
const BILIBILI_BVID = /^BV[0-9A-Za-z]{10}$/;
const BILIBILI_AID = /^av(\d{1,12})$/i;

/**
 * The player of a YouTube, Vimeo or Bilibili video page or player URL (watch, short, embed and
 * `/v/` forms), or undefined for any other URL. Only ids of the sites' formats are accepted, so
 * nothing of the feed's URL reaches the iframe but the id, a YouTube start time (in seconds)
 * and an unlisted Vimeo video's hash, each checked against its format.
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
    return youtube(id, parsed.searchParams);
  }
  if (host === 'youtu.be') return youtube(segments[0], parsed.searchParams);
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const player = host === 'player.vimeo.com';
    const id = player ? (segments[0] === 'video' ? segments[1] : undefined) : segments[0];
    if (!id || !VIMEO_ID.test(id)) return undefined;
    const hash = player ? parsed.searchParams.get('h') : segments[1];
    const unlisted = hash && VIMEO_HASH.test(hash) ? `?h=${hash}` : '';
    return { site: 'vimeo', src: `https://player.vimeo.com/video/${id}${unlisted}` };
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

function youtube(id: string | null | undefined, query: URLSearchParams): VideoEmbed | undefined {
  if (!id || !YOUTUBE_ID.test(id) || YOUTUBE_NOT_IDS.has(id)) return undefined;
  const start = startSeconds(query.get('t') ?? query.get('start'));
  return {
    site: 'youtube',
    src: `https://www.youtube-nocookie.com/embed/${id}${start ? `?start=${start}` : ''}`,
  };
}

/** Seconds of a YouTube `t=` or `start=` value, or undefined when it is no time (or zero). */
function startSeconds(value: string | null): number | undefined {
  const match = value ? YOUTUBE_TIME.exec(value) : null;
  if (!match) return undefined;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  const total = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  return total > 0 ? total : undefined;
}
