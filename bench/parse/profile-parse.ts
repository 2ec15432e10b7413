/**
 * Parses the corpus with feedmill only, many rounds, for a CPU profile of the parser alone:
 *   node --cpu-prof bench/corpus/build/bench/parse/profile-parse.js [feedsPerFormat] [mixed|rsshub|wordpress] [xml|json|all] [rounds]
 * The corpus is generated before the profiled rounds and its share shows up as generateMixedCorpus.
 */
import { parseFeed } from '../../src/parse/index.ts';
import { generateCorpus, generateMixedCorpus } from '../lib/rsshub-corpus.ts';

const [feeds = '10', corpus = 'mixed', kind = 'xml', rounds = '40'] = process.argv.slice(2);
const all =
  corpus === 'rsshub'
    ? generateCorpus({ feedsPerFormat: Number(feeds) })
    : generateMixedCorpus({
        feedsPerFormat: Number(feeds),
        ...(corpus === 'wordpress' ? { shapes: { rss: ['rss-wordpress' as const] } } : {}),
      });
const docs = all
  .filter((feed) => kind === 'all' || (kind === 'json' ? feed.format === 'json' : feed.format !== 'json'))
  .map((feed) => feed.bytes);
let best = Number.POSITIVE_INFINITY;
let sum = 0;
for (let round = 0; round < Number(rounds); round++) {
  const cpu = process.cpuUsage();
  for (const doc of docs) parseFeed(doc);
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000;
  best = Math.min(best, ms);
  sum += ms;
}
console.log(
  `${best.toFixed(1)} ms CPU in the fastest round, ${(sum / Number(rounds)).toFixed(1)} ms on average`,
);
