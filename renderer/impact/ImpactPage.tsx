/**
 * The Impact board (SPEC §6): quests and their budgets, offers and their progress, the member's
 * own offers, the verifiers' queue, and the form that opens a quest (by the treasury's stewards in a
 * version 1 Commons, by a proposal of the member's vault for its sponsors' vote from version 2). Every action goes
 * through the signing-request flow (renderer/sign/): pre-flighted against the verified ledger,
 * signed on the quorum's devices, sequenced by the Commons' stewards.
 */
import { useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { useOpenedRequest } from '../sign/OpenedRequest';
import { VaultSelect } from '../ui/VaultSelect';
import { treasuryOf } from './figures';
import { MyOffers } from './MyOffers';
import { OffersCard } from './OffersCard';
import { QuestOpenForm } from './QuestOpenForm';
import { QuestsCard } from './QuestsCard';
import { VerifierQueue } from './VerifierQueue';

export function ImpactPage({ commons, onSequenced }: { commons: CommonsView; onSequenced: () => void }) {
  const memberVaults = commons.vaults.filter((v) => v.kind === 'member');
  const [chosen, setChosen] = useState('');
  const vault = memberVaults.find((v) => v.address === chosen) ?? memberVaults[0];
  const treasury = treasuryOf(commons);
  const signing = useOpenedRequest(commons, onSequenced);
  return (
    <div className="stack impact">
      {signing.panel}
      <QuestsCard commons={commons} />
      <OffersCard commons={commons} />
      {!signing.active && (
        <>
          {vault && (
            <div className="form-grid">
              <VaultSelect label="Your vault" vaults={memberVaults} value={vault.address} onChange={setChosen} />
            </div>
          )}
          {vault && <MyOffers commons={commons} vault={vault} onRequest={signing.open} />}
          <VerifierQueue commons={commons} onRequest={signing.open} />
          {treasury && <QuestOpenForm commons={commons} treasury={treasury} memberVaults={memberVaults} author={vault} onChooseAuthor={setChosen} onRequest={signing.open} />}
        </>
      )}
    </div>
  );
}
