/**
 * The member's actions on their line (SPEC §4): lock or unlock COMM, pledge or unpledge ADA, BTC
 * or ETH, draw, repay, set off COMM. Each says who must sign it (the vault's signers and
 * threshold, from the verified ledger) and is run against the verified ledger before the request
 * exists (the signing flow's pre-flight, renderer/sign/): a rule it would break is said in words
 * with its numbers, and no device is asked. An action that passes opens the signing request.
 */
import { useState } from 'react';
import { type CreditLineView, type CreditView, MARKET_ASSETS, type MarketAsset } from '../../shared/commons/credit';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { DECIMALS, parseAmount } from '../../shared/money';
import { type SigningRequest, unsignedRequest } from '../../shared/quorum/request';
import { type Result, err, ok } from '../../shared/result';
import { Card } from '../ui/components';
import { DraftNotices } from '../sign/DraftNotices';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { assetAmount, conx, headroom, quorumText } from './figures';

const WEEK = 7 * 24 * 3600;
const aWeekFromNow = () => Math.floor(Date.now() / 1000) + WEEK;

export type CreditKind = 'credit.lock' | 'credit.unlock' | 'credit.pledge' | 'credit.unpledge' | 'credit.draw' | 'credit.repay' | 'credit.setOff';

export const CREDIT_ACTIONS: readonly { kind: CreditKind; label: string }[] = [
  { kind: 'credit.lock', label: 'Lock COMM' },
  { kind: 'credit.pledge', label: 'Pledge ADA, BTC or ETH' },
  { kind: 'credit.draw', label: 'Draw CONX' },
  { kind: 'credit.repay', label: 'Repay' },
  { kind: 'credit.setOff', label: 'Set off COMM against the debt' },
  { kind: 'credit.unlock', label: 'Unlock COMM' },
  { kind: 'credit.unpledge', label: 'Withdraw a pledge' },
];

/** What the member reads beside the amount: the figures the rule will check. */
export function hintFor(kind: CreditKind, vault: VaultView, line: CreditLineView, minDebt: bigint): string {
  switch (kind) {
    case 'credit.lock':
      return `${vault.name} holds ${assetAmount(vault.balances.COMM ?? 0n, 'COMM')}; locked COMM counts at par, 1 COMM of capacity each (with the COMM draw ratio).`;
    case 'credit.unlock':
      return `${assetAmount(line.collateral.COMM, 'COMM')} locked. COMM can leave only while the debt (${conx(line.debt)}) stays within the capacity that remains.`;
    case 'credit.pledge':
      return 'A pledge states an amount held in the vault’s multisig wallet on that chain; it is valued at the attested price.';
    case 'credit.unpledge':
      return `Pledged: ${MARKET_ASSETS.map((a) => assetAmount(line.collateral[a], a)).join(', ')}. A pledge can be withdrawn only while the debt stays within capacity.`;
    case 'credit.draw':
      return `Capacity ${conx(line.capacity)}, debt ${conx(line.debt)}: you may draw up to ${conx(headroom(line))}. A line owes nothing or at least ${conx(minDebt)}.`;
    case 'credit.repay':
      return `Debt ${conx(line.debt)} (${conx(line.fees)} fees, repaid first, then principal); ${vault.name} holds ${conx(vault.balances.CONX ?? 0n)}. Fees accrue until the repayment is sequenced.`;
    case 'credit.setOff':
      return `Burns locked COMM 1:1 against the debt, fees first: ${assetAmount(line.collateral.COMM, 'COMM')} locked, debt ${conx(line.debt)}.`;
  }
}

/** The request for the composed action, or what is wrong with what was typed. */
export function creditRequest(commons: CommonsView, vault: VaultView, kind: CreditKind, amountText: string, asset: MarketAsset, validUntil: number): Result<SigningRequest, string> {
  const unit = kind === 'credit.pledge' || kind === 'credit.unpledge' ? asset : kind === 'credit.lock' || kind === 'credit.unlock' || kind === 'credit.setOff' ? 'COMM' : 'CONX';
  let amount: bigint;
  try {
    amount = parseAmount(amountText, DECIMALS[unit]);
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
  if (amount <= 0n) return err('The amount must be more than zero.');
  if (kind === 'credit.pledge' || kind === 'credit.unpledge') return ok(unsignedRequest(commons, vault, kind, { asset, amount }, validUntil));
  return ok(unsignedRequest(commons, vault, kind, { amount }, validUntil));
}

export function CreditActions(props: { commons: CommonsView; credit: CreditView; vault: VaultView; line: CreditLineView; onRequest: (request: SigningRequest) => void }) {
  const { commons, credit, vault, line, onRequest } = props;
  const [kind, setKind] = useState<CreditKind>('credit.draw');
  const [amount, setAmount] = useState('');
  const [asset, setAsset] = useState<MarketAsset>('ETH');
  const draft = usePreflightedDraft(commons, onRequest);
  const unit = kind === 'credit.pledge' || kind === 'credit.unpledge' ? asset : kind === 'credit.draw' || kind === 'credit.repay' ? 'CONX' : 'COMM';

  const create = () => draft.create(creditRequest(commons, vault, kind, amount, asset, aWeekFromNow()));

  return (
    <Card title="Act on the line" aside={<span className="muted">Signed by the vault’s quorum on their hardware devices</span>}>
      <p className="small" data-testid="credit-quorum">
        Every action on this line is signed by {vault.name}’s quorum: {quorumText(vault)}.
      </p>
      <div className="form-grid">
        <label>
          Action
          <select value={kind} onChange={(e) => (setKind(e.target.value as CreditKind), draft.reset())} aria-label="Credit action">
            {CREDIT_ACTIONS.map((a) => (
              <option key={a.kind} value={a.kind}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        {(kind === 'credit.pledge' || kind === 'credit.unpledge') && (
          <label>
            Asset
            <select value={asset} onChange={(e) => setAsset(e.target.value as MarketAsset)} aria-label="Asset">
              {MARKET_ASSETS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Amount ({unit})
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" aria-label="Credit amount" placeholder="0" />
        </label>
      </div>
      <p className="muted small" data-testid="credit-hint">
        {hintFor(kind, vault, line, credit.params.minDebt)}
      </p>
      <div className="actions">
        <button type="button" onClick={() => void create()} disabled={draft.checking}>
          {draft.checking ? 'Checking against the ledger…' : 'Create signing request'}
        </button>
      </div>
      <DraftNotices draft={draft} />
    </Card>
  );
}
