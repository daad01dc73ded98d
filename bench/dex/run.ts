/**
 * npm run bench:dex — the DEX's matching engine (SPEC §10) at the size of a busy listing:
 *
 * - rest: 10,000 orders that do not cross (bids below the reference, asks above, at 200 price
 *   levels of the ±5 % band), placed one by one into a persistent book (each placement returns a
 *   new book, as the ledger state needs);
 * - match: 10,000 crossing orders taken against that book (partial fills, levels emptied).
 *
 * Next to a floor measured in the same run: the same insertions into one mutable array
 * (`splice` at the same index), without the copy a persistent book makes, so the ratio says what
 * keeping every book immutable costs.
 */
import { EMPTY_BOOK, type Book, type BookOrder, place } from '../../shared/commons/dex/engine';

const N = 10_000;
const say = (line: string) => console.log(line);
const ms = (t: number) => `${t.toFixed(1)} ms`;
let seed = 7;
const rand = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed % n;
};
const REF = 20_000_000n;
const STEP = 10_000n; // 0.01 CONX: 100 levels on each side within the band.
const resting: BookOrder[] = [];
const crossing: BookOrder[] = [];
for (let i = 0; i < N; i++) {
  const buy = i % 2 === 0;
  const level = BigInt(1 + rand(100));
  resting.push({ id: `r${i}`, side: buy ? 'buy' : 'sell', price: buy ? REF - level * STEP : REF + level * STEP, remaining: BigInt(1 + rand(10)), seq: i + 1 });
}
for (let i = 0; i < N; i++) {
  const buy = i % 2 === 0;
  crossing.push({ id: `c${i}`, side: buy ? 'buy' : 'sell', price: buy ? REF + 100n * STEP : REF - 100n * STEP, remaining: BigInt(1 + rand(3)), seq: N + i + 1 });
}

function time<T>(f: () => T): { ms: number; result: T } {
  const t = performance.now();
  const result = f();
  return { ms: performance.now() - t, result };
}

const floor = time(() => {
  const bids: BookOrder[] = [];
  const asks: BookOrder[] = [];
  for (const o of resting) {
    const side = o.side === 'buy' ? bids : asks;
    const at = side.findIndex((r) => (o.side === 'buy' ? o.price > r.price : o.price < r.price));
    side.splice(at === -1 ? side.length : at, 0, o);
  }
  return bids.length + asks.length;
});
const rest = time(() => resting.reduce<Book>((book, o) => place(book, o).book, EMPTY_BOOK));
let fills = 0;
const match = time(() =>
  crossing.reduce<Book>((book, o) => {
    const placed = place(book, o);
    fills += placed.matches.length;
    return placed.book;
  }, rest.result),
);

say(`dex engine, ${N.toLocaleString('en')} orders into one book (${rest.result.bids.length + rest.result.asks.length} resting):`);
say(`  rest:  ${ms(rest.ms)} (${((rest.ms * 1000) / N).toFixed(1)} µs an order); floor (mutable splice) ${ms(floor.ms)}, ratio ${(rest.ms / floor.ms).toFixed(1)}×`);
say(`  match: ${ms(match.ms)} for ${N.toLocaleString('en')} crossing orders, ${fills.toLocaleString('en')} fills (${((match.ms * 1000) / N).toFixed(1)} µs an order); ${match.result.bids.length + match.result.asks.length} left resting`);
