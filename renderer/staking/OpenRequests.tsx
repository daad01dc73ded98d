/**
 * Open stake requests (SPEC §5): the offer, its holder, the amount asked and how much is staked so
 * far; and the form to stake into one from your vault. A stake goes into the request's escrow,
 * is released to the holder as working capital, and is repaid first from the offer's reward, with
 * min(stake, cap) PMT credited and minted as it is repaid.
 */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { DECIMALS, parseAmount } from '../../shared/money';
import { type SigningRequest } from '../../shared/quorum/request';
import { DraftNotices } from '../sign/DraftNotices';
import { quorumWords } from '../sign/quorum-words';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { Card } from '../ui/components';
import { ProgressBar } from '../ui/StackedBars';
import { percentText } from '../ui/stack-geometry';
import { memberName } from '../impact/figures';
import { aWeekFromNow } from '../impact/time';
import { conx, openRequests, pmt, pmtCredit, stillAsked, type StakeRequestView } from './figures';
import { stakeGiveRequest } from './requests';

/** The PMT a stake of what was typed would earn, or null while it is not an amount. */
function expectedPmt(text: string, cap: bigint): bigint | null {
  try {
    return pmtCredit(parseAmount(text, DECIMALS.CONX), cap);
  } catch {
    return null;
  }
}

export function OpenRequests({ commons, vault, onRequest }: { commons: CommonsView; vault: VaultView; onRequest: (request: SigningRequest) => void }) {
  const open = openRequests(commons);
  return (
    <Card title="Open stake requests" aside={<span className="muted">Stakers are repaid first from the offer’s reward</span>}>
      {open.length === 0 ? (
        <p className="muted">No stake request is open.</p>
      ) : (
        <ul className="plain-list">
          {open.map((request) => (
            <OpenRequest key={request.id} commons={commons} vault={vault} request={request} onRequest={onRequest} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function OpenRequest({ commons, vault, request, onRequest }: { commons: CommonsView; vault: VaultView; request: StakeRequestView; onRequest: (request: SigningRequest) => void }) {
  const offer = commons.offers.find((o) => o.id === request.offer);
  const holder = commons.vaults.find((v) => v.address.toLowerCase() === request.holder.toLowerCase());
  const left = stillAsked(request);
  const [amount, setAmount] = useState('');
  const draft = usePreflightedDraft(commons, onRequest);
  const own = vault.owner === request.member;
  const expected = expectedPmt(amount, commons.stakerPmtCap);
  return (
    <li className="vault" data-testid="stake-request" data-request={request.id}>
      <div className="vault-head">
        <strong className="mono">{request.id}</strong>
        <span>
          on offer <span className="mono">{request.offer}</span>
          {offer && <> (“{offer.deliverable}”, reward {conx(offer.reward.conx)})</>}
        </span>
      </div>
      <dl className="facts small">
        <dt>Holder</dt>
        <dd>
          {memberName(commons, request.member)} · {holder?.name ?? request.holder}
        </dd>
        <dt>Asked</dt>
        <dd data-testid="asked">{conx(request.amount)}</dd>
        <dt>Staked so far</dt>
        <dd data-testid="staked">
          {conx(request.staked)} ({percentText(request.staked, request.amount)})
        </dd>
      </dl>
      <ProgressBar label={`Staked on ${request.id}`} value={request.staked} of={request.amount} display={`${conx(request.staked)} of ${conx(request.amount)} staked`} tone="union" />
      {own ? (
        <p className="muted small">This is your own request: another member stakes into it.</p>
      ) : (
        <>
          <div className="form-grid">
            <label>
              Stake from {vault.name} (CONX, at most {conx(left)})
              <input value={amount} onChange={(e) => setAmount(e.target.value)} aria-label={`Stake on ${request.id}`} inputMode="decimal" placeholder="0" />
            </label>
          </div>
          <p className="small muted" data-testid="expected-pmt">
            {expected === null || expected === 0n
              ? `A stake earns min(stake, ${pmt(commons.stakerPmtCap)}) PMT, vesting as it is repaid.`
              : `Expected: ${pmt(expected)} credited — min(stake, cap ${pmt(commons.stakerPmtCap)}), minted as the stake is repaid.`}{' '}
            {quorumWords(commons, vault, false)}
          </p>
          <div className="actions">
            <button type="button" disabled={draft.checking} onClick={() => void draft.create(stakeGiveRequest(commons, vault, request.id, amount, aWeekFromNow()))}>
              {draft.checking ? 'Checking against the ledger…' : `Stake on ${request.id}`}
            </button>
          </div>
          <DraftNotices draft={draft} />
        </>
      )}
    </li>
  );
}
