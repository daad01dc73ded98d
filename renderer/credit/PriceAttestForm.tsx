/**
 * The treasury quorum's price attestation (SPEC §4): CONX per whole unit of ADA, BTC or ETH,
 * signed by the treasury's stewards. It says what the jump rule will do with the price typed (take
 * effect at once, or be held as pending until a confirming attestation), and goes through the
 * same pre-flight and signing request as every vault action.
 */
import { useState } from 'react';
import { type CreditView, MARKET_ASSETS, type MarketAsset } from '../../shared/commons/credit';
import { withinJump } from '../../shared/commons/credit/prices';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { DECIMALS, parseAmount } from '../../shared/money';
import { type SigningRequest, unsignedRequest } from '../../shared/quorum/request';
import { err, ok } from '../../shared/result';
import { Card } from '../ui/components';
import { DraftNotices } from '../sign/DraftNotices';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { conx, percent, quorumText } from './figures';

const WEEK = 7 * 24 * 3600;

/** What the jump rule will do with `price` (docs: shared/commons/credit/prices.ts). */
export function jumpWords(credit: CreditView, asset: MarketAsset, price: bigint): string {
  const { price: current, pending } = credit.prices[asset];
  const jump = credit.params.priceJumpBps;
  if (current === null) return `${asset} has no price yet: the first attestation takes effect at once.`;
  if (withinJump(current, price, jump)) return `Within ${percent(jump)} of the price in force (${conx(current)}): it takes effect at once.`;
  if (pending && withinJump(pending.price, price, jump))
    return `More than ${percent(jump)} away from ${conx(current)}, within ${percent(jump)} of the pending ${conx(pending.price)}: it confirms it if sequenced at or after its effective time, and is held as pending otherwise.`;
  return `More than ${percent(jump)} away from ${conx(current)}: it is held as pending, and takes effect only when a second attestation confirms it ${credit.params.priceConfirmDelaySeconds / 60} minutes later or more.`;
}

export function PriceAttestForm({ commons, credit, treasury, onRequest }: { commons: CommonsView; credit: CreditView; treasury: VaultView; onRequest: (request: SigningRequest) => void }) {
  const [asset, setAsset] = useState<MarketAsset>('ETH');
  const [text, setText] = useState('');
  const draft = usePreflightedDraft(commons, onRequest);
  let price: bigint | null = null;
  try {
    price = text.trim() === '' ? null : parseAmount(text, DECIMALS.CONX);
  } catch {
    price = null;
  }

  const create = () =>
    draft.create(
      price === null || price <= 0n
        ? err('Type the price in CONX per whole unit, e.g. 2,400.')
        : ok(unsignedRequest(commons, treasury, 'price.attest', { asset, price }, Math.floor(Date.now() / 1000) + WEEK)),
    );

  return (
    <Card title="Attest a price (stewards)" aside={<span className="muted">Signed by the treasury quorum</span>}>
      <p className="small" data-testid="attest-quorum">
        Signed by {treasury.name}’s quorum: {quorumText(treasury)}.
      </p>
      <div className="form-grid">
        <label>
          Asset
          <select value={asset} onChange={(e) => setAsset(e.target.value as MarketAsset)} aria-label="Price asset">
            {MARKET_ASSETS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          Price (CONX per whole {asset})
          <input value={text} onChange={(e) => setText(e.target.value)} inputMode="decimal" aria-label="Price in CONX" placeholder="0" />
        </label>
      </div>
      {price !== null && price > 0n && (
        <p className="muted small" data-testid="attest-rule">
          {jumpWords(credit, asset, price)}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void create()} disabled={draft.checking}>
          {draft.checking ? 'Checking against the ledger…' : 'Create the attestation request'}
        </button>
      </div>
      <DraftNotices draft={draft} />
    </Card>
  );
}
