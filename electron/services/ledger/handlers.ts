/**
 * The ledger service behind the contract: one handler per row of `ledgerChannels`
 * (shared/contract/ledger.ts), and the demo's rows (`demo.submit`, `demo.commons`). Errors leave
 * as wire errors (amounts as decimal strings).
 */
import { type Answer, type RequestOf, type ResponseOf } from '../../../shared/contract/define';
import { type AppError } from '../../../shared/contract/errors';
import { type LedgerChannels } from '../../../shared/contract/ledger';
import { type CreditChannels } from '../../../shared/contract/credit';
import { type HistoryChannels } from '../../../shared/contract/history';
import { historySearcher } from './history-search';
import { type Channels } from '../../../shared/contract/channels';
import { hexBytes } from '../../../shared/crypto/recover';
import { type Result, bigintReplacer, err, ok } from '../../../shared/result';
import { type LedgerService } from './interface';
import { type DemoSequencer } from './demo-sequencer';
import { bestRecoverer, loadNative } from './native';
import { type BatchRecoverer } from './replay';

type Rows = LedgerChannels & CreditChannels & HistoryChannels & Pick<Channels, 'demo.submit' | 'demo.commons'>;

export type LedgerHandlers = {
  [C in keyof Rows]: (request: RequestOf<Rows, C>) => Promise<Answer<ResponseOf<Rows, C>>>;
};

/** Any typed error for the wire: bigint amounts as decimal strings. */
export const toWire = (error: { kind: string; message: string }): AppError => JSON.parse(JSON.stringify(error, bigintReplacer)) as AppError;

const answer = <T>(result: Result<T, { kind: string; message: string }>): Answer<T> => (result.ok ? result : err(toWire(result.error)));

/** Batches at least this large go to the worker pool (both cores); smaller ones recover inline. */
const POOL_THRESHOLD = 2_000;

export function ledgerHandlers(service: LedgerService, options: { demo?: DemoSequencer; pool: BatchRecoverer }): LedgerHandlers {
  const recoverer = bestRecoverer();
  const demoCommonsId = () => options.demo?.log().state()?.commonsId;
  const searchHistory = historySearcher(service);
  return {
    async 'ledger.verifySignatures'({ jobs }) {
      const decoded = jobs.map((job) => ({ digest: hexBytes(job.digest), sigHex: job.signature }));
      if (decoded.length >= POOL_THRESHOLD && loadNative()) {
        return ok({ signers: await options.pool.recoverAll(decoded), recoverer: `${recoverer.name} (worker threads)` });
      }
      return ok({ signers: decoded.map((job) => (recoverer.recoverHex ? recoverer.recoverHex(job.digest, job.sigHex) : recoverer.recover(job.digest, hexBytes(job.sigHex)))), recoverer: recoverer.name });
    },
    // The demo log as sequenced in this run (the built-in history plus what the newcomer did).
    async 'demo.log'() {
      if (!options.demo) return ok({ entries: [] });
      const setAside = options.demo.recovery().setAside;
      return ok({ entries: options.demo.entries(), ...(setAside ? { setAside: { ...setAside, reason: toWire(setAside.reason) } } : {}) });
    },
    async 'demo.commons'() {
      const id = demoCommonsId();
      if (!id) return err(toWire({ kind: 'DemoDisabled', message: 'The Demo Commons is turned off in this build.' }));
      return answer(await service.view('demo', id));
    },
    async 'demo.clock'() {
      return answer(service.demoClock());
    },
    async 'demo.wait'({ seconds }) {
      return answer(service.waitDemo(seconds));
    },
    async 'demo.submit'({ action }) {
      return answer(service.submitDemo(action));
    },
    async 'ledger.openCommons'({ log }) {
      const imported = await service.importLog(log);
      if (!imported.ok) return answer(imported);
      const { commonsId, name, height, headHash } = imported.value;
      return ok({ commonsId, name, height, headHash });
    },
    async 'ledger.list'({ workspace }) {
      const commons = await service.list(workspace);
      return ok({ commons: commons.map((c) => ({ ...c, setAside: c.setAside && { ...c.setAside, reason: toWire(c.setAside.reason) } })) });
    },
    async 'ledger.state'({ workspace, commonsId }) {
      return answer(await service.view(workspace, commonsId));
    },
    async 'ledger.history'({ workspace, commonsId, from, limit }) {
      return answer(await service.history(workspace, commonsId, from, limit));
    },
    async 'ledger.searchHistory'({ workspace, commonsId, query, offset, limit }) {
      return answer(await searchHistory(workspace, commonsId, query, offset, limit));
    },
    async 'credit.history'({ workspace, commonsId, vault }) {
      return answer(await service.creditHistory(workspace, commonsId, vault));
    },
    async 'ledger.import'({ log }) {
      return answer(await service.importLog(log));
    },
    async 'ledger.exportUpdate'({ workspace, commonsId, fromSeq }) {
      return answer(await service.exportUpdate(workspace, commonsId, fromSeq));
    },
    async 'ledger.export'({ workspace, commonsId }) {
      return answer(await service.exportUpdate(workspace, commonsId, 0));
    },
    async 'ledger.reverify'({ workspace, commonsId }) {
      return answer(await service.reverify(workspace, commonsId));
    },
    async 'ledger.preflight'({ workspace, commonsId, action, time }) {
      const result = await service.preflight(workspace, commonsId, action, time);
      if (!result.ok) return answer(result);
      return ok(result.value.allowed ? { allowed: true as const } : { allowed: false as const, refusal: toWire(result.value.refusal) });
    },
  };
}
