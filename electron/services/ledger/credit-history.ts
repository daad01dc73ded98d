/**
 * How a credit line's health moved (SPEC §4), read from a verified log: the log is folded again
 * from genesis (signatures recovered on the worker pool, as any replay here), and after each entry
 * that changed the line (an action on it, fees accruing in the time step) or a price, the line's
 * health, capacity and debt are taken from that entry's state. The renderer never folds a log, so
 * this is main's to answer (`credit.history`, shared/contract/credit.ts).
 *
 * The fold is kept for the Commons last asked about, so that the next question (the log moved on
 * by an entry) folds only the new entries; a question about another Commons starts over.
 */
import { type Entry } from '../../../shared/commons/log';
import { type CommonsState } from '../../../shared/commons/state';
import { type Result, err, ok } from '../../../shared/result';
import { type LedgerError } from '../../../shared/commons/errors';
import { type CreditPoint, MAX_CREDIT_POINTS } from '../../../shared/contract/credit';
import { type BatchRecoverer, replayLines } from './replay';
import { type CommonsLog } from './commons-log';

/** What the history reads of a state: the line and the prices (compared by reference: the state is persistent), and the line's figures. */
export interface CreditProbe {
  /** The vaults that have a credit line. */
  vaults(state: CommonsState): Iterable<string>;
  line(state: CommonsState, vault: string): unknown;
  prices(state: CommonsState): unknown;
  /** The line's figures at the state's time; null when the vault has no line. */
  figures(state: CommonsState, vault: string): Pick<CreditPoint, 'healthBps' | 'capacity' | 'debt'> | null;
}

export interface CreditHistory {
  readonly height: number;
  readonly points: CreditPoint[];
  readonly earlier: number;
}

interface Folded {
  readonly log: CommonsLog;
  height: number;
  state: CommonsState | null;
  readonly points: Map<string, CreditPoint[]>;
}

export function creditHistoryReader(probe: CreditProbe, pool: BatchRecoverer) {
  let folded: Folded | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const record = (before: CommonsState | null, after: CommonsState, entry: Entry, points: Map<string, CreditPoint[]>) => {
    const priceMoved = before !== null && probe.prices(before) !== probe.prices(after);
    for (const vault of probe.vaults(after)) {
      const lineMoved = before === null || probe.line(before, vault) !== probe.line(after, vault);
      if (!lineMoved && !priceMoved) continue;
      const figures = probe.figures(after, vault);
      if (!figures) continue;
      const cause = lineMoved && priceMoved ? 'line-and-price' : lineMoved ? 'line' : 'price';
      const list = points.get(vault) ?? [];
      list.push({ seq: entry.seq, time: entry.time, ...figures, cause });
      points.set(vault, list);
    }
  };

  /** Folds the log's entries not yet folded. */
  const catchUp = async (log: CommonsLog): Promise<Result<Folded, LedgerError>> => {
    if (!folded || folded.log !== log || folded.height > log.height) folded = { log, height: 0, state: null, points: new Map() };
    const current = folded;
    if (current.height === log.height) return ok(current);
    let before = current.state;
    const replay = await replayLines(
      { start: current.state, lines: log.entries(current.height, log.height) },
      {
        verifier: log.verifier(),
        pool,
        onEntry: (state, entry) => {
          record(before, state, entry, current.points);
          before = state;
        },
      },
    );
    if (replay.error) {
      folded = null;
      return err(replay.error as LedgerError);
    }
    current.state = replay.state;
    current.height += replay.kept;
    return ok(current);
  };

  return {
    /** The line's points read from `log`, the latest MAX_CREDIT_POINTS of them. */
    history(log: CommonsLog, vault: string): Promise<Result<CreditHistory, LedgerError>> {
      const run = queue.then(async () => {
        const caught = await catchUp(log);
        if (!caught.ok) return caught;
        const all = caught.value.points.get(vault.toLowerCase()) ?? [];
        const points = all.slice(-MAX_CREDIT_POINTS);
        return ok({ height: caught.value.height, points, earlier: all.length - points.length });
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
