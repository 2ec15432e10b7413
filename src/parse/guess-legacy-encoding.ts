import iconv from 'iconv-lite';

/**
 * Guesses the legacy encoding of bytes that are not UTF-8 and declare nothing usable, the way
 * a reader would: decode a sample with each candidate and keep the one whose text looks most
 * like real writing. "Looks like" is measured with character frequencies, which are facts of
 * each language: the most frequent Chinese characters (simplified and traditional), Japanese
 * kana and kanji, the most frequent Hangul syllables, Latin letters with diacritics between
 * ASCII letters, and Cyrillic words. Garbage (U+FFFD, private use, C1 controls) costs points.
 */
export function guessLegacyEncoding(bytes: Uint8Array): string {
  const sample = sampleOf(bytes);
  let best = { encoding: 'windows-1252', score: Number.NEGATIVE_INFINITY };
  for (const candidate of CANDIDATES) {
    const text = iconv.decode(sample, candidate.decoder);
    const score = candidate.score(text);
    if (score > best.score) best = { encoding: candidate.encoding, score };
  }
  return best.encoding;
}

/** At most 64 KiB, cut at an ASCII byte so that no candidate sees a split character. */
function sampleOf(bytes: Uint8Array): Buffer {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const limit = 64 * 1024;
  if (buffer.length <= limit) return buffer;
  let end = limit;
  while (end > limit - 64 && buffer[end - 1]! >= 0x80) end--;
  return buffer.subarray(0, end);
}

interface Candidate {
  /** The WHATWG name reported and used to decode the whole document. */
  encoding: string;
  /** The iconv-lite codec (WHATWG's gbk decoder is gb18030, euc-kr is windows-949…). */
  decoder: string;
  score(text: string): number;
}

// Ordered by how often each is met undeclared in feeds: on equal scores the first wins.
const CANDIDATES: readonly Candidate[] = [
  { encoding: 'gb18030', decoder: 'gb18030', score: (text) => cjkScore(text, 'chinese') },
  { encoding: 'big5', decoder: 'big5hkscs', score: (text) => cjkScore(text, 'chinese') },
  { encoding: 'shift_jis', decoder: 'shift_jis', score: (text) => cjkScore(text, 'japanese') },
  { encoding: 'euc-jp', decoder: 'euc-jp', score: (text) => cjkScore(text, 'japanese') },
  { encoding: 'euc-kr', decoder: 'cp949', score: (text) => cjkScore(text, 'korean') },
  { encoding: 'windows-1252', decoder: 'windows-1252', score: (text) => latinScore(text) },
  { encoding: 'windows-1251', decoder: 'windows-1251', score: (text) => cyrillicScore(text) },
  { encoding: 'koi8-r', decoder: 'koi8-r', score: (text) => cyrillicScore(text) },
];

// The most frequent characters of Chinese (simplified, then the traditional forms that differ),
// of Japanese kanji and of Korean Hangul syllables, as found in general frequency lists.
const COMMON_HANZI =
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵' +
  '臺灣這個們來為國說時會對發後裡過學麼當沒樣開種現實從無長頭經兒愛給間兩親進話與動機點業關將問題還應戰體資數電總條區處員報義變氣結論認設務張該統師聽讓識專門東車語書見網際萬歲覺驗聯產鐵鄉隊隨難響寫屬傳黨軍華場歷雙邊記圖錢價聲顯樂飛壓調寶廣藝畫應視組織運轉領導計劃歡迎請謝謝們幾麼嗎買賣讀寫號碼線極樓層環境經濟醫療擊錄類願協雜誌狀態龍門聞區縣鄉鎮灣島總統選舉颱風氣象節慶興業銀行證券貨幣漲跌價格陸續參與檢測確診醫護衛生' +
  '日本円気読毎駅様込払届働図県区内側番組';
const COMMON_HANGUL = new Set(
  '가각간갈감갑강같개거건걸검것게겠겨격견결경계고곡공과관광교구국군권귀규그극근글금기길김까께나난날남내너널넘네녀년념노논놓누는늘능니다단달담당대더던데도독동돼되된될두드든들등디따때또라락란람랑래러런럼레려력련렬령로록론료루류르른를름리린림립마막만많말망매머먼메며면명모목못무문물미민밀바박반받발방배백버번범법베벽변별병보복본봉부북분불비빠사산살삼상새생서석선설성세소속손송수순술쉬스습승시식신실심십싶써아안알았암앞애야약양어억언얼엄업없었에여역연열염영예오온올와완왕외요용우운울원월위유육율으은을음응의이익인일임입있자작잔잘장재저적전절점정제조족존종좋주죽준중즈즘증지직진질집짜차착찰참창채처천철청체초촌총최추축출충취측치친칙카커코크키타태터토통투트특티파판패편평포표품프피필하학한할함합항해했행향허현형호화확환활회후히',
);
const COMMON_SET = new Set(COMMON_HANZI);

/**
 * Per non-ASCII character: +1 for frequent characters of the encoding's language (Chinese
 * writes no kana or Hangul, Japanese no Hangul, Korean no kana) and CJK punctuation; −4 for
 * garbage.
 */
function cjkScore(text: string, language: 'chinese' | 'japanese' | 'korean'): number {
  let good = 0;
  let bad = 0;
  let seen = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) continue;
    seen++;
    if (isGarbage(code)) bad++;
    else if (
      COMMON_SET.has(char) ||
      (language === 'korean' && COMMON_HANGUL.has(char)) ||
      (language === 'japanese' && code >= 0x3041 && code <= 0x30ff) || // hiragana, katakana
      (code >= 0x3000 && code <= 0x3003) || // ideographic space, 、 。 〃
      (code >= 0x3008 && code <= 0x3011) || // 〈 〉 《 》 「 」 『 』 【 】
      code === 0x201c ||
      code === 0x201d ||
      (code >= 0xff01 && code <= 0xff1f) // fullwidth ！ （ ） ， ： ； ？ and digits
    )
      good++;
  }
  return seen === 0 ? 0 : (good - 4 * bad) / seen;
}

/**
 * Latin text has accented letters alone or in pairs between ASCII letters, not long runs; a
 * capital with an accent starts a word (or continues an all-capitals one), and guillemets
 * stand beside a space.
 */
function latinScore(text: string): number {
  let good = 0;
  let bad = 0;
  let seen = 0;
  let run = 0;
  let runGood = 0;
  const endRun = () => {
    if (run > 0 && run <= 2) good += runGood;
    run = 0;
    runGood = 0;
  };
  const chars = [...text];
  for (const [index, char] of chars.entries()) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      endRun();
      continue;
    }
    seen++;
    run++;
    const before = chars[index - 1] ?? ' ';
    const after = chars[index + 1] ?? ' ';
    if (isGarbage(code)) bad++;
    else if ((code >= 0xdf && code <= 0xff && code !== 0xf7) || code === 0x153) runGood++;
    else if (code >= 0xc0 && code <= 0xde && code !== 0xd7 && !/[a-z]/.test(before)) runGood++;
    else if ((code === 0xab || code === 0xbb) && (/\s/.test(before) || /\s/.test(after))) runGood++;
    else if (LATIN_PUNCTUATION.has(code)) runGood++;
  }
  endRun();
  return seen === 0 ? 0 : (good - 4 * bad) / seen;
}
// ’ ‘ “ ” – — … € • ° © ® and the non-breaking space
const LATIN_PUNCTUATION = new Set([
  0x2019, 0x2018, 0x201c, 0x201d, 0x2013, 0x2014, 0x2026, 0x20ac, 0x2022, 0xb0, 0xa9, 0xae, 0xa0,
]);

/**
 * Cyrillic prose is mostly lower-case letters and a capital starts a word; each letter counts
 * by how frequent it is in Russian, so that bytes of another script read as rare letters
 * (ъ щ ф э…) score low.
 */
function cyrillicScore(text: string): number {
  let good = 0;
  let bad = 0;
  let seen = 0;
  let previousLetter = false;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const lower = (code >= 0x430 && code <= 0x44f) || code === 0x451;
    const upper = (code >= 0x410 && code <= 0x42f) || code === 0x401;
    if (code >= 0x80) {
      seen++;
      if (isGarbage(code)) bad++;
      else if (lower || (upper && !previousLetter)) good += letterWeight(char.toLowerCase());
    }
    previousLetter = lower || upper || (code < 0x80 && /[A-Za-z]/.test(char));
  }
  return seen === 0 ? 0 : (good - 4 * bad) / seen;
}

// Russian letters from the most to the least frequent, in bands of weight 1, 0.6 and 0.25.
const CYRILLIC_BANDS: readonly [string, number][] = [
  ['оеаинтсрвлкмдпу', 1],
  ['яыьгзбчйхжшюё', 0.6],
  ['цщэфъ', 0.25],
];
function letterWeight(letter: string): number {
  for (const [letters, weight] of CYRILLIC_BANDS) if (letters.includes(letter)) return weight;
  return 0;
}

function isGarbage(code: number): boolean {
  return code === 0xfffd || (code >= 0x80 && code <= 0x9f) || (code >= 0xe000 && code <= 0xf8ff);
}
