/**
 * The credit page (SPEC §4, VELOC), one member vault's line at a time: its figures (capacity,
 * debt, health as a gauge and over time), its collateral per asset, what a fall in prices would
 * do, the prices and any pending one; and the actions on the line, each through the signing
 * request flow with its pre-flight (renderer/sign/). The stewards attest prices from here too.
 */
import { useMemo, useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type Authority, authorityOf } from '../../shared/quorum/authority';
import { type SigningRequest } from '../../shared/quorum/request';
import { Collect } from '../sign/Collect';
import { CreditActions } from './CreditActions';
import { lineOf } from './figures';
import { CollateralTable, HealthCard, LineStatus, LineSummary } from './LineFigures';
import { PriceAttestForm } from './PriceAttestForm';
import { PricesCard } from './PricesCard';
import { useCreditHistory } from './useCreditHistory';
import { WhatIf } from './WhatIf';

interface OpenRequest {
  readonly request: SigningRequest;
  /** Who must sign, as the ledger said when the request was opened (it is shown so once executed). */
  readonly authority: Authority;
}

export function CreditPage({ commons, onSequenced }: { commons: CommonsView; onSequenced: () => void }) {
  const memberVaults = useMemo(() => commons.vaults.filter((v) => v.kind === 'member'), [commons]);
  const [chosen, setChosen] = useState<string | null>(null);
  const vault = memberVaults.find((v) => v.address === chosen) ?? memberVaults[0];
  const treasury = commons.vaults.find((v) => v.kind === 'commons' && v.name === 'Commons treasury') ?? commons.vaults.find((v) => v.kind === 'commons');
  const [open, setOpen] = useState<OpenRequest | null>(null);
  const history = useCreditHistory(commons.commonsId, vault?.address ?? '', commons.height);
  const [problem, setProblem] = useState<string | null>(null);

  if (!vault) return <p className="muted">This Commons has no member vault yet: credit lines belong to member vaults.</p>;
  const line = lineOf(commons, vault);

  const request = (next: SigningRequest) => {
    const found = authorityOf(commons, next.action);
    if (!found.ok) return setProblem(found.error.message);
    setProblem(null);
    setOpen({ request: next, authority: found.value });
  };

  return (
    <div className="stack credit">
      <div className="form-grid">
        <label>
          Vault
          <select value={vault.address} onChange={(e) => (setChosen(e.target.value), setOpen(null))} aria-label="Credit vault">
            {memberVaults.map((v) => (
              <option key={v.address} value={v.address}>
                {v.name} ({v.threshold}-of-{v.signers.length})
              </option>
            ))}
          </select>
        </label>
      </div>
      <LineStatus line={line} />
      <LineSummary line={line} />
      {open && (
        <Collect
          commons={commons}
          request={open.request}
          authority={open.authority}
          onChange={(changed) => setOpen({ ...open, request: changed })}
          onClose={() => setOpen(null)}
          onSequenced={onSequenced}
        />
      )}
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {!open && (
        <div className="grid-2">
          <CreditActions commons={commons} credit={commons.credit} vault={vault} line={line} onRequest={request} />
          {treasury && <PriceAttestForm commons={commons} credit={commons.credit} treasury={treasury} onRequest={request} />}
        </div>
      )}
      <HealthCard line={line} history={history} />
      <CollateralTable credit={commons.credit} line={line} />
      <div className="grid-2">
        <WhatIf credit={commons.credit} line={line} />
        <PricesCard credit={commons.credit} />
      </div>
    </div>
  );
}
