/**
 * RSSHub v2 category keys and the labels its documentation site shows for them
 * (facts from /shared/spec/rsshub-categories.md, read from RSSHub's documentation data).
 */

/** Display language of category labels (`rsshub.lang`). */
export type CategoryLang = 'zh' | 'en';

/** Key → [Chinese label, English label]. */
const LABELS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  popular: ['热门', 'Popular'],
  'social-media': ['社交媒体', 'Social Media'],
  'new-media': ['新媒体', 'New media'],
  'traditional-media': ['传统媒体', 'Traditional media'],
  bbs: ['论坛', 'BBS'],
  blog: ['博客', 'Blog'],
  programming: ['编程', 'Programming'],
  design: ['设计', 'Design'],
  live: ['直播', 'Live'],
  multimedia: ['音视频', 'Multimedia'],
  picture: ['图片', 'Picture'],
  anime: ['二次元', 'ACG'],
  'program-update': ['程序更新', 'Application Updates'],
  university: ['大学通知', 'University'],
  forecast: ['预报预警', 'Forecast and Alerts'],
  travel: ['出行旅游', 'Travel'],
  shopping: ['购物', 'Shopping'],
  game: ['游戏', 'Gaming'],
  reading: ['阅读', 'Reading'],
  government: ['政务消息', 'Government'],
  study: ['学习', 'Study'],
  journal: ['科学期刊', 'Scientific Journal'],
  finance: ['金融', 'Finance'],
  sport: ['体育', 'Sport'],
  other: ['其他', 'Uncategorized'],
};

/** Every known category key, in the documentation site's order. */
export const CATEGORY_KEYS: readonly string[] = Object.keys(LABELS);

/** How category keys become display labels: language plus the user's overrides (`rsshub.category_labels`). */
export interface LabelOptions {
  lang: CategoryLang;
  overrides?: Readonly<Record<string, string>>;
}

/** The display label of a category key; an unknown key is shown as itself. */
export function categoryLabel(key: string, options: LabelOptions): string {
  const override = options.overrides?.[key];
  if (override !== undefined) return override;
  const labels = LABELS[key];
  if (!labels) return key;
  return options.lang === 'en' ? labels[1] : labels[0];
}

/**
 * The category a route is filed under: the first key that is not `popular`, because
 * `popular` is a cross-cutting tag (a route tagged [anime, popular] belongs in anime).
 */
export function primaryCategory(keys: readonly string[]): string {
  return keys.find((key) => key !== 'popular') ?? keys[0] ?? 'other';
}

/**
 * The key whose Chinese or English label (or the key itself) is `text`, case-insensitively; for
 * docs page headings and `--category`. RSSHub's docs head each page with an icon before the
 * label (`# 📰 Traditional media`): an icon leading the text is not part of the label.
 */
export function categoryKeyOf(text: string): string | undefined {
  const trimmed = text.trim();
  const found = keyOfLabel(trimmed);
  if (found !== undefined) return found;
  const withoutIcon = /^[^\p{L}\p{N}]+\s+(.+)$/u.exec(trimmed)?.[1];
  return withoutIcon === undefined ? undefined : keyOfLabel(withoutIcon.trim());
}

function keyOfLabel(label: string): string | undefined {
  const wanted = label.toLowerCase();
  for (const [key, [zh, en]] of Object.entries(LABELS)) {
    if (key === wanted || zh === label || en.toLowerCase() === wanted) return key;
  }
  return undefined;
}
