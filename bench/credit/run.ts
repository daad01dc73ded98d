/**
 * npm run bench:credit — VELOC at scale (SPEC §4), over 10,000 credit lines of mixed collateral:
 *
 * - what-if: a 30 % price drop re-evaluated over every line from the view (what-if.ts), the work
 *   the credit screen does as a member drags the slider (goal: under 200 ms);
 * - fees: the fold of a year of daily entries (365 time steps, credit's onTime) over the lines:
 *   freezes found. Fees are computed when read (time.ts), so a step does work only for the lines
 *   whose fee crossing has come (crossing.ts); the bench says how long the entries with and
 *   without crossings took.
 *
 * Each next to a floor measured in the same run: the bare bigint arithmetic of the same figures
 * (one multiply-divide per asset of each line, one fee formula per line and day) without the
 * module around it, so the ratio says what the module's structure costs.
 */
import { Map as ImmutableMap } from 'immutable';
import { genesisState } from '../../shared/commons/fixtures';
import { DEFAULT_PARAMS_V2 } from '../../shared/commons/params';
import { creditOnTime } from '../../shared/commons/credit/time';
import { type State } from '../../shared/commons/credit/line';
import { type CreditLine, NO_ASSETS } from '../../shared/commons/credit/state';
import { basisOf, putLines } from '../../shared/commons/credit/crossing';
import { currentPrices, whatIfPriceDrop, type LineInputs } from '../../shared/commons/credit/what-if';
import { feesAt } from '../../shared/commons/credit/figures';

const LINES = 10_000;
const DAY = 86_400;
const say = (line: string) => console.log(line);
const ms = (t: number) => `${t.toFixed(1)} ms`;

// A deterministic mix: every line has COMM; one in two ADA, one in three BTC, one in four ETH.
let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed % n;
};
const CONX = (n: number) => BigInt(n) * 1_000_000n;
const prices = { ADA: CONX(1), BTC: CONX(60_000), ETH: CONX(3_000) };
const params = DEFAULT_PARAMS_V2;
const lines: (LineInputs & { vault: string })[] = [];
for (let i = 0; i < LINES; i++) {
  const collateral = {
    COMM: CONX(1_000 + rand(50_000)),
    ADA: i % 2 === 0 ? CONX(rand(100_000)) : 0n,
    BTC: i % 3 === 0 ? BigInt(rand(200_000_000)) : 0n,
    ETH: i % 4 === 0 ? BigInt(rand(20)) * 10n ** 17n : 0n,
  };
  const principal = CONX(100 + rand(30_000));
  lines.push({ vault: `0x${i.toString(16).padStart(40, '0')}`, collateral, principal, fees: BigInt(rand(1_000_000)), tier: (['None', 'Bronze', 'Silver', 'Gold'] as const)[i % 4]! });
}
const view = { ADA: { price: prices.ADA }, BTC: { price: prices.BTC }, ETH: { price: prices.ETH } };

function best(runs: number, f: () => number): { ms: number; result: number } {
  let fastest = Infinity;
  let result = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    result = f();
    fastest = Math.min(fastest, performance.now() - t);
  }
  return { ms: fastest, result };
}

// ---- What-if: a 30 % drop over every line. ------------------------------------------------------
const floorWhatIf = best(7, () => {
  let n = 0;
  const keep = 7_000n;
  for (const l of lines) {
    const w =
      (l.collateral.COMM * 10_000n) / 10_000n +
      (l.collateral.ADA * ((prices.ADA * keep) / 10_000n) * 9_500n) / (1_000_000n * 10_000n) +
      (l.collateral.BTC * ((prices.BTC * keep) / 10_000n) * 8_000n) / (100_000_000n * 10_000n) +
      (l.collateral.ETH * ((prices.ETH * keep) / 10_000n) * 7_000n) / (10n ** 18n * 10_000n);
    if (w < l.principal + l.fees) n++;
  }
  return n;
});
const whatIf = best(7, () => {
  const current = currentPrices(view);
  let n = 0;
  for (const l of lines) if (whatIfPriceDrop(l, current, params, 3_000).unhealthy) n++;
  return n;
});
if (whatIf.result !== floorWhatIf.result) throw new Error(`what-if disagrees with the floor: ${whatIf.result} vs ${floorWhatIf.result}`);
say(`lines   ${LINES.toLocaleString('en')} credit lines (COMM on all, ADA on 1/2, BTC on 1/3, ETH on 1/4)`);
say(`floor   30 % drop, bare bigint weighted-collateral sums: ${ms(floorWhatIf.ms)}`);
say(`what-if 30 % drop over every line (whatIfPriceDrop, capacity + health + flags): ${ms(whatIf.ms)} = ${(whatIf.ms / floorWhatIf.ms).toFixed(1)}× the floor; ${whatIf.result.toLocaleString('en')} lines would fall below 1`);
say(`goal    what-if under 200 ms: ${whatIf.ms < 200 ? 'met' : 'NOT met'}`);

// ---- Fees: a year of daily time steps through the module's onTime. ------------------------------
const g = genesisState();
const T = g.time;
const built: CreditLine[] = [];
for (const l of lines) {
  built.push({
    vault: l.vault,
    owner: 'did:pkh:eip155:1:0x0',
    collateral: l.collateral,
    principal: l.principal,
    feesBase: 0n,
    accruedAt: T,
    rateBps: params.feeRateBpsPerYear,
    crossingAt: null,
    frozenAt: null,
    cureUntil: null,
    attribution: { ...NO_ASSETS, COMM: l.principal },
    liquidations: [],
    badDebt: 0n,
  });
}
const priced = {
  ...g,
  credit: {
    ...g.credit,
    lines: ImmutableMap<string, CreditLine>(),
    prices: {
      ADA: { current: { price: prices.ADA, attestedAt: T }, pending: null },
      BTC: { current: { price: prices.BTC, attestedAt: T }, pending: null },
      ETH: { current: { price: prices.ETH, attestedAt: T }, pending: null },
    },
  },
} as State;
// The lines as the ledger keeps them: each with its fee crossing, the earliest in the slice.
const indexed = putLines(priced, built);
const start: State = { ...indexed, credit: { ...indexed.credit, basis: basisOf(params) } };
const map = start.credit.lines;

const floorFees = best(2, () => {
  let total = 0n;
  for (let day = 1; day <= 365; day++) for (const l of map.values()) total += feesAt(l, T + day * DAY);
  return Number(total % 1_000n);
});
let final = start;
let entries = { crossing: [] as number[], quiet: [] as number[] };
const year = best(2, () => {
  let s = start;
  const times = { crossing: [] as number[], quiet: [] as number[] };
  for (let day = 1; day <= 365; day++) {
    const to = T + day * DAY;
    const crosses = s.credit.nextCrossing !== null && s.credit.nextCrossing <= to;
    const t = performance.now();
    s = creditOnTime(s, T + (day - 1) * DAY, to);
    (crosses ? times.crossing : times.quiet).push(performance.now() - t);
  }
  final = s;
  entries = times;
  return s.credit.lines.size;
});
let frozen = 0;
let fees = 0n;
for (const l of final.credit.lines.values()) {
  if (l.frozenAt !== null) frozen++;
  fees += feesAt(l, T + 365 * DAY);
}
const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const max = (xs: number[]) => (xs.length === 0 ? 0 : Math.max(...xs));
say(`floor   365 × ${LINES.toLocaleString('en')} fee formulas alone: ${ms(floorFees.ms)}`);
say(`fees    a year of daily entries, credit onTime over every line: ${ms(year.ms)} = ${(year.ms / floorFees.ms).toFixed(3)}× the floor, ${ms(year.ms / 365)} per entry; ${frozen.toLocaleString('en')} lines frozen by fees, ${(Number(fees / 1_000_000n)).toLocaleString('en')} CONX of fees (computed when read)`);
say(`entries ${entries.crossing.length} with crossings: mean ${ms(mean(entries.crossing))}, max ${ms(max(entries.crossing))}; ${entries.quiet.length} without: mean ${(mean(entries.quiet) * 1000).toFixed(1)} µs, max ${(max(entries.quiet) * 1000).toFixed(1)} µs`);
say(`goal    a year within a few times the floor, entries without crossings under 5 ms: ${year.ms < 3 * floorFees.ms && max(entries.quiet) < 5 ? 'met' : 'NOT met'}`);
