/** The vault dashboard: a Commons at a glance — its vaults and their quorums, its members, its tokens. */
import { useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { COMMONS_TOKENS, formatAmount, DECIMALS } from '../../shared/money';
import { BarChart, type Bar } from '../ui/BarChart';
import { Badge, Card, EmulatedBadge } from '../ui/components';
import { type LedgerState } from '../ledger/LedgerProvider';
import { LedgerCard } from './LedgerCard';
import { VerifySigner } from './VerifySigner';

const tokenAmount = (amount: bigint | undefined, token: keyof typeof DECIMALS) =>
  formatAmount(amount ?? 0n, DECIMALS[token], { maxFractionDigits: 2 });

export function Dashboard({ commons, ledger, myCommitment }: { commons: CommonsView; ledger: LedgerState; myCommitment: string | null }) {
  const supplyBars: Bar[] = COMMONS_TOKENS.map((token) => ({
    label: token,
    value: commons.supplies[token] ?? 0n,
    display: `${tokenAmount(commons.supplies[token], token)} ${token}`,
  }));
  const factions = (['Union', 'Guild', 'Syndicate'] as const).map((faction) => {
    const count = commons.members.filter((m) => m.faction === faction).length;
    return { label: faction, value: BigInt(count), display: `${count} member${count === 1 ? '' : 's'}`, tone: faction.toLowerCase() as Bar['tone'] };
  });

  return (
    <div className="dashboard">
      <div className="stats">
        <Stat label="Members" value={String(commons.members.length)} />
        <Stat label="Vaults" value={String(commons.vaults.length)} />
        <Stat label="CONX in circulation" value={tokenAmount(commons.supplies.CONX, 'CONX')} />
        <Stat label="Ledger height" value={String(commons.height)} />
      </div>

      <div className="grid-2">
        <Card title="Token supply">
          <BarChart title="Supply per token" bars={supplyBars} />
        </Card>
        <Card title="Factions">
          <BarChart title="Members per faction" bars={factions} />
        </Card>
      </div>

      <LedgerCard commons={commons} ledger={ledger} />

      <Card title="Vaults" aside={<span className="muted">Every action needs its quorum of hardware signatures</span>}>
        <ul className="vault-list">
          {commons.vaults.map((vault) => (
            <VaultRow key={vault.address} vault={vault} />
          ))}
        </ul>
      </Card>

      <Card title="Members">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Faction</th>
              <th scope="col">Tier</th>
              <th scope="col">MEID</th>
              {COMMONS_TOKENS.map((token) => (
                <th scope="col" key={token} className="num">
                  {token}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {commons.members.map((member) => (
              <tr key={member.did}>
                <td data-testid="member" data-commitment={member.commitment}>
                  <div>{member.label}</div>
                  <div className="mono muted small" title={member.did}>
                    {shortDid(member.did)}
                  </div>
                </td>
                <td>
                  <span className={`faction faction-${member.faction.toLowerCase()}`}>{member.faction}</span>
                </td>
                <td>{member.tier}</td>
                <td>
                  <Badge tone="ok" title={`Commitment ${member.commitment}: its enrolment proof and attestation were verified by this app`}>
                    verified
                  </Badge>{' '}
                  {member.commitment === myCommitment && <Badge tone="demo">you</Badge>}
                </td>
                {COMMONS_TOKENS.map((token) => (
                  <td key={token} className="num">
                    {tokenAmount(member.balances[token], token)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

function VaultRow({ vault }: { vault: VaultView }) {
  const held = COMMONS_TOKENS.filter((token) => (vault.balances[token] ?? 0n) > 0n);
  return (
    <li className="vault" data-testid="vault">
      <div className="vault-head">
        <strong>{vault.name}</strong>
        <Badge tone={vault.kind === 'commons' ? 'ok' : 'neutral'}>{vault.kind === 'commons' ? 'Commons vault' : 'Member vault'}</Badge>
        <Badge title="Signatures needed of the vault's signers">
          {vault.threshold}-of-{vault.signers.length}
        </Badge>
        <span className="mono muted small">{vault.address}</span>
      </div>
      <div className="vault-body">
        <ul className="signers">
          {vault.signers.map((signer) => (
            <SignerItem key={signer.address} signer={signer} />
          ))}
        </ul>
        <div className="balances">
          {held.length === 0 && <span className="muted">No tokens</span>}
          {held.map((token) => (
            <span key={token} className="balance">
              <span className="balance-amount">{tokenAmount(vault.balances[token], token)}</span> {token}
            </span>
          ))}
        </div>
      </div>
      {vault.spendLimit && (
        <p className="small muted" data-testid="spend-limit">
          Spend limit (SPEC §3): {tokenAmount(vault.spendLimit.amount, 'CONX')} CONX every {vault.spendLimit.periodSeconds / 86_400} days; {tokenAmount(vault.spendLimit.spent, 'CONX')} CONX spent
          since {new Date(vault.spendLimit.periodStart * 1000).toLocaleDateString()}. Above it, a governance vote is needed.
        </p>
      )}
    </li>
  );
}

/** A signer of a vault, with "verify on device": the device shows the signer's address for the member to compare. */
function SignerItem({ signer }: { signer: VaultView['signers'][number] }) {
  const [verifying, setVerifying] = useState(false);
  return (
    <li data-testid="vault-signer" data-signer={signer.address}>
      <span className={`device device-${signer.device}`}>{signer.device === 'ledger' ? 'Ledger' : signer.device === 'trezor' ? 'Trezor' : 'Device'}</span>{' '}
      {signer.label} {signer.emulated && <EmulatedBadge />}{' '}
      <span className="mono muted small" title={signer.address}>
        {signer.address.slice(0, 6)}…{signer.address.slice(-4)}
      </span>{' '}
      <button type="button" className="link-button small" aria-expanded={verifying} onClick={() => setVerifying((open) => !open)} aria-label={`Verify ${signer.label} on a device`}>
        {verifying ? 'Close' : 'Verify on device'}
      </button>
      {verifying && <VerifySigner signer={signer} />}
    </li>
  );
}

const shortDid = (did: string) => (did.length > 30 ? `${did.slice(0, 22)}…${did.slice(-6)}` : did);
