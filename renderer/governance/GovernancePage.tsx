/**
 * Faction governance (SPEC §7), a page per faction: the proposals its members vote on, by state,
 * each with its tallies against quorum and threshold, its countdown and what the member may do
 * (burn to vote, an anonymous ballot on a one-member-one-vote proposal, cancel, execute); and the
 * composer. Every signed action goes through the signing-request flow (renderer/sign/): words
 * from the describers, pre-flighted against the verified ledger, signed on the quorum's devices,
 * sequenced by the Commons' stewards. In the Demo Commons a clock lets a vote's week and a
 * timelock's 48 h pass.
 */
import { useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { useOpenedRequest } from '../sign/OpenedRequest';
import { Card } from '../ui/components';
import { VaultSelect } from '../ui/VaultSelect';
import { Composer } from './Composer';
import { DemoClock, type Milestone, useDemoClock } from './DemoClock';
import { FACTIONS, type FactionName, STATE_WORDS, byState, factionOf, memberVaults, ownerOf, stateAt } from './figures';
import { ProposalCard } from './ProposalCard';

/** The steps of every open proposal, for the demo clock's buttons. */
function milestones(commons: CommonsView, now: number): Milestone[] {
  return commons.proposals.flatMap((p) => {
    const state = stateAt(p, now);
    const short = p.title.length > 40 ? `${p.title.slice(0, 39)}…` : p.title;
    if (state === 'pending') return [{ label: `voting starts on “${short}”`, at: p.startsAt }];
    if (state === 'active') return [{ label: `voting ends on “${short}”`, at: p.endsAt }];
    if (state === 'queued' && now < p.eta) return [{ label: `timelock ends on “${short}”`, at: p.eta }];
    return [];
  });
}

export function GovernancePage({ commons, demo, onSequenced }: { commons: CommonsView; demo: boolean; onSequenced: () => void }) {
  const vaults = memberVaults(commons);
  const [chosen, setChosen] = useState('');
  const vault = vaults.find((v) => v.address === chosen) ?? vaults[0];
  const [tab, setTab] = useState<FactionName | null>(null);
  const faction = tab ?? factionOf(commons, ownerOf(vault)) ?? 'Union';
  const signing = useOpenedRequest(commons, onSequenced);
  const clock = useDemoClock(commons.height, demo);
  // What the rules are checked at: when the next entry is sealed (the demo's clock), or now.
  const now = demo && clock.clock ? clock.clock.nextTime : Math.max(commons.time, Math.floor(Date.now() / 1000));
  const groups = byState(commons.proposals, faction, now);

  if (!vault) return <p className="muted">This Commons has no member vault yet: proposals are made and voted from members’ vaults.</p>;
  return (
    <div className="stack governance">
      <div role="tablist" aria-label="Faction" className="actions">
        {FACTIONS.map((f) => (
          <button key={f} type="button" role="tab" aria-selected={f === faction} className={f === faction ? 'tab-active' : undefined} onClick={() => setTab(f)}>
            {f}
          </button>
        ))}
      </div>
      <h2 data-testid="governance-faction">{faction} governance</h2>
      {signing.panel}
      {!signing.active && (
        <div className="form-grid">
          <VaultSelect label="Your vault" vaults={vaults} value={vault.address} onChange={setChosen} />
        </div>
      )}
      {demo && <DemoClock state={clock} milestones={milestones(commons, now)} />}
      <Card title={`Proposals the ${faction} votes on`}>
        {groups.length === 0 ? (
          <p className="muted">No proposal concerns the {faction} yet.</p>
        ) : (
          groups.map((group) => (
            <section key={group.state} className="stack" data-testid="proposal-group" data-state={group.state}>
              <h3 className="small">
                {STATE_WORDS[group.state]} ({group.proposals.length})
              </h3>
              {group.proposals.map((p) => (
                <ProposalCard key={p.id} commons={commons} proposal={p} vault={vault} now={now} demo={demo} onRequest={signing.open} onSequenced={onSequenced} />
              ))}
            </section>
          ))
        )}
      </Card>
      {!signing.active && <Composer commons={commons} vault={vault} onRequest={signing.open} />}
    </div>
  );
}
