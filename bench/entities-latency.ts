/**
 * Entity extraction runs on every turn: this measures it per utterance, with and without the customer's history.
 * Utterances are the training phrases of both locales (each read several times); the held-out and blind sets stay
 * unread outside the evaluation.
 *   npx tsx bench/entities-latency.ts            (prints p50 / p99 / max in ms, and the first-call cost)
 */
import { performance } from 'node:perf_hooks';
import { extractEntities, type CatalogueItem } from '../nlu/entities.js';
import { loadExamples } from '../nlu/nlu.js';
import type { Locale } from '../nlu/catalogue.js';

const HISTORY: Record<Locale, CatalogueItem[]> = {
  'en-US': [
    { sku: 'huggies', name: 'Huggies Little Snugglers Diapers, Size 2, 84 ct' },
    { sku: 'similac', name: 'Similac 360 Total Care Infant Formula, 30.8 oz' },
    { sku: 'tide', name: 'Tide Free & Gentle Laundry Detergent, 92 oz' },
    { sku: 'nike', name: 'Nike Revolution 7 Running Shoes, size 10' },
    { sku: 'pampers', name: 'Pampers Sensitive Baby Wipes, 12 packs' },
    { sku: 'sonicare', name: 'Philips Sonicare Replacement Brush Heads, 4 pk' },
  ],
  'ko-KR': [
    { sku: 'haggis', name: '하기스 네이처메이드 기저귀 3단계 64매' },
    { sku: 'absolute', name: '앱솔루트 명작 분유 2단계 800g' },
    { sku: 'airmax', name: '나이키 에어맥스 270 운동화 260mm' },
    { sku: 'samdasoo', name: '제주 삼다수 2L 12병' },
    { sku: 'bebesup', name: '베베숲 물티슈 캡형 70매 10팩' },
    { sku: 'shin', name: '신라면 멀티팩 5개입' },
  ],
};

const now = new Date();
const utterances: Array<[string, Locale]> = [];
for (const locale of ['en-US', 'ko-KR'] as const) {
  for (const texts of Object.values(loadExamples('train', locale))) for (const t of texts) utterances.push([t, locale]);
}

await new Promise((resolve) => setTimeout(resolve, 500)); // as a server would have, between start and the first turn
const first = performance.now();
extractEntities('huggie diapres', 'en-US', { now, timeZone: 'UTC', catalogue: HISTORY['en-US'] });
const firstMs = performance.now() - first;

// Warm-up (JIT, caches), not measured.
for (const [text, locale] of utterances) extractEntities(text, locale, { now, timeZone: 'UTC', catalogue: HISTORY[locale] });

const pct = (xs: number[], p: number): number => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
for (const withHistory of [false, true]) {
  const times: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    for (const [text, locale] of utterances) {
      const t0 = performance.now();
      extractEntities(text, locale, {
        now,
        timeZone: locale === 'ko-KR' ? 'Asia/Seoul' : 'America/Los_Angeles',
        ...(withHistory ? { catalogue: HISTORY[locale] } : {}),
      });
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `${withHistory ? 'with history   ' : 'without history'}: ${times.length} calls, p50 ${pct(times, 50).toFixed(3)} ms, p99 ${pct(times, 99).toFixed(3)} ms, max ${pct(times, 100).toFixed(2)} ms`,
  );
}
console.log(`first call with a typo (word list read in the background at start): ${firstMs.toFixed(1)} ms`);
