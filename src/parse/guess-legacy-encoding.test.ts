import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { decodeBytes } from './decode-bytes.ts';

// Short news items of the kind feeds carry, each in a language whose legacy encodings are
// still met on old sites that declare nothing.
const SAMPLES: readonly { encoding: string; codec: string; text: string }[] = [
  {
    encoding: 'gb18030',
    codec: 'gbk',
    text: '国家统计局今天发布数据，十一月份全国居民消费价格同比上涨，市场需求继续恢复。',
  },
  {
    encoding: 'big5',
    codec: 'big5',
    text: '行政院今天召開記者會，說明明年度的經濟發展計劃，並表示將持續關注物價變動。',
  },
  {
    encoding: 'shift_jis',
    codec: 'shift_jis',
    text: '東京都は今日、新しい交通計画を発表しました。駅の周りの道路を広げる予定です。',
  },
  {
    encoding: 'euc-jp',
    codec: 'euc-jp',
    text: '日本銀行は今月の会合で金融政策の現状維持を決めたと発表しました。',
  },
  {
    encoding: 'euc-kr',
    codec: 'euc-kr',
    text: '정부는 오늘 내년도 예산안을 발표하고 경제 성장을 위한 투자를 늘리겠다고 밝혔습니다.',
  },
  {
    encoding: 'windows-1252',
    codec: 'windows-1252',
    text: 'Le ministère a présenté un budget « équilibré » pour l’année prochaine, déclare-t-il.',
  },
  {
    encoding: 'windows-1251',
    codec: 'windows-1251',
    text: 'Правительство сегодня представило новый бюджет на следующий год, сообщает агентство.',
  },
  {
    encoding: 'koi8-r',
    codec: 'koi8-r',
    text: 'Правительство сегодня представило новый бюджет на следующий год, сообщает агентство.',
  },
];

const rss = (text: string) =>
  `<rss version="2.0"><channel><title>t</title><item><title>${text.slice(0, 12)}</title><description>${text}</description></item></channel></rss>`;

for (const sample of SAMPLES) {
  test(`undeclared ${sample.encoding} is recognised and decoded`, () => {
    const result = decodeBytes(iconv.encode(rss(sample.text), sample.codec));
    assert.equal(result.encoding, sample.encoding);
    assert.equal(result.text, rss(sample.text));
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => diagnostic.code),
      ['encoding-sniffed'],
    );
  });
}

test('a title alone is enough for the CJK encodings', () => {
  const titles: [string, string, string][] = [
    ['gb18030', 'gbk', '中国经济'],
    ['big5', 'big5', '臺灣新聞'],
    ['shift_jis', 'shift_jis', 'ニュース'],
    ['euc-kr', 'euc-kr', '한국 뉴스'],
  ];
  for (const [encoding, codec, title] of titles) {
    assert.equal(decodeBytes(iconv.encode(rss(title), codec)).encoding, encoding, title);
  }
});
