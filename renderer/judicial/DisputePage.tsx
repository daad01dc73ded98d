/**
 * The dispute page (SPEC §8, the Judicial Loop): open a dispute on an offer or a stake of yours;
 * each dispute's timeline, panel, deadlines, resolution, community vote and outcome; and what the
 * chosen vault may do at the dispute's stage — the panel's proposal, a party's answer or appeal,
 * a member's vote, an instalment. Every action goes through the signing-request flow
 * (renderer/sign/): pre-flighted against the verified ledger before any device is asked.
 */
import { useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { useOpenedRequest } from '../sign/OpenedRequest';
import { Card } from '../ui/components';
import { VaultSelect } from '../ui/VaultSelect';
import { DisputeActions } from './DisputeActions';
import { DisputeDetail } from './DisputeDetail';
import { OpenDispute } from './OpenDispute';
import { STAGE_WORDS, conx } from './figures';

export function DisputePage({ commons, onSequenced }: { commons: CommonsView; onSequenced: () => void }) {
  const memberVaults = commons.vaults.filter((v) => v.kind === 'member');
  const [chosen, setChosen] = useState('');
  const [selected, setSelected] = useState('');
  const vault = memberVaults.find((v) => v.address === chosen) ?? memberVaults[0];
  const signing = useOpenedRequest(commons, onSequenced);
  const disputes = [...commons.disputes].reverse();
  const dispute = disputes.find((d) => d.id === selected) ?? disputes[0];
  if (!vault) return <p className="muted">This Commons has no member vault yet: disputes are opened and answered by members’ vaults.</p>;
  return (
    <div className="stack disputes">
      <div className="form-grid">
        <VaultSelect label="Your vault" vaults={memberVaults} value={vault.address} onChange={setChosen} />
      </div>
      {signing.panel}
      <Card title="Disputes" aside={<span className="muted small">SPEC §8: mediation, then the parties, then the community</span>}>
        {disputes.length === 0 ? (
          <p className="muted">No dispute has been opened in this Commons.</p>
        ) : (
          <ul className="plain-list" aria-label="Disputes">
            {disputes.map((d) => (
              <li key={d.id} data-testid="dispute" data-dispute={d.id} data-stage={d.stage}>
                <button type="button" className="link-button" aria-pressed={d.id === dispute?.id} onClick={() => setSelected(d.id)}>
                  <strong className="mono">{d.id}</strong>
                </button>{' '}
                on {d.subject.kind} <span className="mono">{d.subject.id}</span>, claiming {conx(d.amount)} — <span className="small">{STAGE_WORDS[d.stage]}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {dispute && <DisputeDetail commons={commons} dispute={dispute} />}
      {dispute && !signing.active && <DisputeActions commons={commons} dispute={dispute} vault={vault} onRequest={signing.open} />}
      {!signing.active && <OpenDispute commons={commons} vault={vault} onRequest={signing.open} />}
    </div>
  );
}
