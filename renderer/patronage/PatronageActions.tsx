/**
 * A member's side of the account with the Commons (SPEC §9): claim the refunds owed, pay the bill
 * due. Each is a signing request on the member's vault (with the member's own key), pre-flighted
 * against the verified ledger before any device is asked (renderer/sign/).
 */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { DECIMALS, parseAmount } from '../../shared/money';
import { type SigningRequest, unsignedRequest } from '../../shared/quorum/request';
import { type Result, err, ok } from '../../shared/result';
import { Card } from '../ui/components';
import { DraftNotices } from '../sign/DraftNotices';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { type AccountView, conx } from './figures';

const WEEK = 7 * 24 * 3600;
const aWeekFromNow = () => Math.floor(Date.now() / 1000) + WEEK;

export type AccountKind = 'patronage.claimRefund' | 'patronage.payBill';

export function accountRequest(commons: CommonsView, vault: VaultView, kind: AccountKind, amountText: string, validUntil: number): Result<SigningRequest, string> {
  let amount: bigint;
  try {
    amount = parseAmount(amountText, DECIMALS.CONX);
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
  if (amount <= 0n) return err('The amount must be more than zero.');
  return ok(unsignedRequest(commons, vault, kind, { amount }, validUntil));
}

export function PatronageActions({ commons, vault, account, onRequest }: { commons: CommonsView; vault: VaultView; account: AccountView; onRequest: (r: SigningRequest) => void }) {
  const [kind, setKind] = useState<AccountKind>(account.due > 0n ? 'patronage.payBill' : 'patronage.claimRefund');
  const [amount, setAmount] = useState('');
  const draft = usePreflightedDraft(commons, onRequest);
  const all = kind === 'patronage.payBill' ? account.due : account.owed;
  return (
    <Card title="Your account with the Commons" aside={<span className="muted">Signed on your devices, with your own key</span>}>
      <div className="stats">
        <div className="stat">
          <div className="stat-value" data-testid="account-owed">
            {conx(account.owed)}
          </div>
          <div className="stat-label">Refunds owed to you (claim them into this vault)</div>
        </div>
        <div className="stat">
          <div className="stat-value" data-testid="account-due">
            {conx(account.due)}
          </div>
          <div className="stat-label">Your bill (what you owe, after set-off)</div>
        </div>
      </div>
      <div className="form-grid">
        <label>
          Action
          <select value={kind} onChange={(e) => (setKind(e.target.value as AccountKind), draft.reset())} aria-label="Account action">
            <option value="patronage.claimRefund">Claim refunds</option>
            <option value="patronage.payBill">Pay the bill</option>
          </select>
        </label>
        <label>
          Amount (CONX)
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" aria-label="Account amount" placeholder="0" />
        </label>
      </div>
      <p className="muted small" data-testid="account-hint">
        {kind === 'patronage.payBill'
          ? `You owe ${conx(all)}; ${vault.name} holds ${conx(vault.balances.CONX ?? 0n)}. The CONX goes to the Commons treasury.`
          : `The Commons owes you ${conx(all)}, paid from the treasury into ${vault.name}.`}
      </p>
      <div className="actions">
        <button type="button" onClick={() => setAmount(formatFull(all))} disabled={all === 0n}>
          All of it
        </button>
        <button type="button" onClick={() => void draft.create(accountRequest(commons, vault, kind, amount, aWeekFromNow()))} disabled={draft.checking}>
          {draft.checking ? 'Checking against the ledger…' : kind === 'patronage.payBill' ? 'Create the payment request' : 'Create the claim request'}
        </button>
      </div>
      <DraftNotices draft={draft} />
    </Card>
  );
}

/** An amount as the input takes it back: full precision, no grouping. */
const formatFull = (amount: bigint) => {
  const whole = amount / 1_000_000n;
  const fraction = (amount % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
};
