/**
 * The staking page (SPEC §5, M2M staking): open stake requests and the form to stake into them,
 * your stakes (repayment progress, expected and credited PMT) and your loans, and the form to ask
 * for stakes on an accepted offer. Every action goes through the signing-request flow
 * (renderer/sign/): pre-flighted against the verified ledger before any device is asked.
 */
import { useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { useOpenedRequest } from '../sign/OpenedRequest';
import { VaultSelect } from '../ui/VaultSelect';
import { MyLoans, MyStakes } from './MyStakes';
import { OpenRequests } from './OpenRequests';
import { RequestStake } from './RequestStake';

export function StakingPage({ commons, onSequenced }: { commons: CommonsView; onSequenced: () => void }) {
  const memberVaults = commons.vaults.filter((v) => v.kind === 'member');
  const [chosen, setChosen] = useState('');
  const vault = memberVaults.find((v) => v.address === chosen) ?? memberVaults[0];
  const signing = useOpenedRequest(commons, onSequenced);
  if (!vault) return <p className="muted">This Commons has no member vault yet: stakes are given and asked by members’ vaults.</p>;
  return (
    <div className="stack staking">
      <div className="form-grid">
        <VaultSelect label="Your vault" vaults={memberVaults} value={vault.address} onChange={setChosen} />
      </div>
      {signing.panel}
      {!signing.active && (
        <div className="grid-2">
          <OpenRequests commons={commons} vault={vault} onRequest={signing.open} />
          <RequestStake commons={commons} vault={vault} onRequest={signing.open} />
        </div>
      )}
      <MyStakes commons={commons} vault={vault} />
      {!signing.active && <MyLoans commons={commons} vault={vault} onRequest={signing.open} />}
    </div>
  );
}
