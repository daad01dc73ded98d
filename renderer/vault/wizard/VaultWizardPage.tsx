/**
 * The vault wizard (SPEC §3): a member vault, or a Commons vault (reserve, working funds) with a
 * spend limit per period; or a new set of signers and threshold for a vault that exists. Every
 * signer is confirmed on its device (SignerPicker), the threshold is said in plain words, and the
 * result is a signing request put into the vault's request inbox, where its signers sign it on
 * their devices and co-signers on other machines merge their copies in.
 */
import { useMemo, useState } from 'react';
import { type CommonsView } from '../../../shared/contract/commons-view';
import { nobleRecoverer } from '../../../shared/crypto/recover';
import { DECIMALS, formatAmount, parseAmount } from '../../../shared/money';
import { type SigningRequest, signersRequest } from '../../../shared/quorum/request';
import { useWorkspace } from '../../app/workspace';
import { useMyMeid } from '../../identity/useMyMeid';
import { Card, ErrorNotice } from '../../ui/components';
import { type ShownError } from '../../ui/describe-error';
import { addToInbox } from '../inbox/store';
import { SignerPicker } from './SignerPicker';
import { type WizardSigner, addSigner, draftAddress, thresholdExplanation, vaultCreationRequest } from './wizard';

const WEEK = 7 * 86_400;
const DAY = 86_400;
const nowSeconds = () => Math.floor(Date.now() / 1000);

type Mode = 'member' | 'commons' | 'change';

export function VaultWizardPage({ commons, onOpenInbox }: { commons: CommonsView; onOpenInbox: () => void }) {
  const { db } = useWorkspace();
  const meid = useMyMeid(db);
  const me = commons.members.find((m) => m.commitment === meid.commitment) ?? null;
  const [mode, setMode] = useState<Mode>('member');
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [changing, setChanging] = useState('');
  const [signers, setSigners] = useState<WizardSigner[]>([]);
  const [threshold, setThreshold] = useState(1);
  const [limit, setLimit] = useState('');
  const [periodDays, setPeriodDays] = useState(30);
  const [problem, setProblem] = useState<ShownError | null>(null);
  const [made, setMade] = useState<SigningRequest | null>(null);

  const ownerDid = owner || me?.did || commons.members[0]?.did || '';
  const target = commons.vaults.find((v) => v.address === changing) ?? commons.vaults[0];

  const startChange = (address: string) => {
    setChanging(address);
    const vault = commons.vaults.find((v) => v.address === address);
    // The vault's current signers, as the verified ledger holds them: the change starts from them.
    setSigners(vault ? vault.signers.map((s) => ({ address: s.address.toLowerCase(), device: s.device, label: s.label, path: s.path, source: 'ledger', confirmed: true })) : []);
    setThreshold(vault?.threshold ?? 1);
  };

  const add = (signer: WizardSigner): string | null => {
    const next = addSigner(signers, signer);
    if (!next.ok) return next.error.message;
    setSigners(next.value);
    return null;
  };

  const address = useMemo(() => (mode === 'change' || name.trim() === '' ? null : draftAddress(commons, { kind: mode, owner: ownerDid, name })), [commons, mode, ownerDid, name]);

  const create = async () => {
    setProblem(null);
    setMade(null);
    const validUntil = nowSeconds() + WEEK;
    let request: SigningRequest;
    if (mode === 'change') {
      if (!target) return;
      const made = signersRequest(commons, target, signers.map(({ address: a, device, label, path }) => ({ address: a, device, label, path })), threshold, validUntil);
      if (!made.ok) return setProblem({ kind: 'ChangeRefused', message: made.error });
      request = made.value;
    } else {
      let spendLimit: { amount: bigint; periodSeconds: number } | null = null;
      if (mode === 'commons' && limit.trim() !== '') {
        try {
          spendLimit = { amount: parseAmount(limit.trim(), DECIMALS.CONX), periodSeconds: periodDays * DAY };
        } catch (error) {
          return setProblem({ kind: 'BadSpendLimit', message: `The spend limit is not an amount: ${error instanceof Error ? error.message : String(error)}` });
        }
      }
      const made = vaultCreationRequest(commons, { kind: mode, name, owner: mode === 'member' ? ownerDid : null, signers, threshold, spendLimit, validUntil });
      if (!made.ok) return setProblem(made.error);
      request = made.value;
    }
    const stored = await addToInbox(db, { commonsId: commons.commonsId, vault: request.action.vault }, request, nobleRecoverer, nowSeconds());
    if (!stored.ok) return setProblem(stored.error);
    setMade(request);
  };

  return (
    <div className="vault-wizard">
      <Card title="A new vault, or new signers for a vault">
        <fieldset>
          <legend>What to do</legend>
          {(
            [
              ['member', 'A member vault (one member’s, with co-signers)'],
              ['commons', 'A Commons vault (a reserve, working funds), created by the treasury’s stewards'],
              ['change', 'Change the signers or threshold of a vault'],
            ] as const
          ).map(([value, words]) => (
            <label key={value} className="inline">
              <input
                type="radio"
                name="wizard-mode"
                checked={mode === value}
                onChange={() => {
                  setMode(value);
                  setMade(null);
                  if (value === 'change') startChange(target?.address ?? '');
                  else setSigners([]);
                }}
              />{' '}
              {words}
            </label>
          ))}
        </fieldset>
        {mode !== 'change' && (
          <label>
            Vault name
            <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        {mode === 'member' && (
          <label>
            For member
            <select aria-label="For member" value={ownerDid} onChange={(e) => setOwner(e.target.value)}>
              {commons.members.map((m) => (
                <option key={m.did} value={m.did}>
                  {m.label}
                  {m.did === me?.did ? ' (you)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        {mode === 'change' && (
          <label>
            Vault to change
            <select aria-label="Vault to change" value={target?.address ?? ''} onChange={(e) => startChange(e.target.value)}>
              {commons.vaults.map((v) => (
                <option key={v.address} value={v.address}>
                  {v.name} ({v.threshold}-of-{v.signers.length})
                </option>
              ))}
            </select>
          </label>
        )}
        {address && (
          <p className="small muted">
            Its address will be <span className="mono" data-testid="wizard-address">{address}</span> (derived from the Commons, {mode === 'commons' ? 'the Commons' : 'the member'} and the name).
          </p>
        )}
        {mode === 'member' && <p className="small muted">The member’s own key must be one of the signers: a member’s vault speaks for them, and their key signs its creation.</p>}
      </Card>

      <Card title="Signers">
        {signers.length === 0 ? (
          <p className="muted">No signer yet.</p>
        ) : (
          <ol className="signers" data-testid="wizard-signers">
            {signers.map((s) => (
              <li key={s.address} data-testid="wizard-signer" data-address={s.address}>
                {s.device === 'ledger' ? 'Ledger' : s.device === 'trezor' ? 'Trezor' : 'Device'} · {s.label} <span className="mono small">{s.address}</span> <span className="small muted">{s.path}</span>{' '}
                <span className="small">{s.source === 'cosigner-file' ? '(co-signer file, confirmed on a device here)' : s.source === 'ledger' ? '(a signer today, as the ledger holds it)' : '(confirmed on its device)'}</span>{' '}
                <button type="button" className="link-button small" onClick={() => setSigners(signers.filter((t) => t.address !== s.address))}>
                  Remove
                </button>
              </li>
            ))}
          </ol>
        )}
        <SignerPicker onAdd={add} />
      </Card>

      <Card title="Threshold">
        <label>
          Signatures needed
          <input type="number" min={1} max={Math.max(1, signers.length)} value={threshold} onChange={(e) => setThreshold(Number(e.target.value) || 1)} />
        </label>
        <p data-testid="threshold-explanation">{thresholdExplanation(threshold, signers.length)}</p>
        {mode === 'commons' && (
          <>
            <label>
              Spend limit (CONX a period, empty for none)
              <input value={limit} inputMode="decimal" onChange={(e) => setLimit(e.target.value)} />
            </label>
            <label>
              Period (days)
              <input type="number" min={1} max={366} value={periodDays} onChange={(e) => setPeriodDays(Math.max(1, Math.min(366, Number(e.target.value) || 1)))} />
            </label>
            <p className="small muted">
              Above the limit in one period the vault’s signers cannot spend: a governance vote is needed (SPEC §3). Only the treasury’s stewards set or change the limit.
            </p>
          </>
        )}
        {problem && <ErrorNotice error={problem} />}
        <div className="actions">
          <button type="button" onClick={() => void create()}>
            {mode === 'change' ? 'Make the change request' : 'Create the signing request'}
          </button>
        </div>
        {made && (
          <div className="notice notice-ok" role="status" data-testid="wizard-made">
            <p>
              The signing request is in the request inbox of {mode === 'commons' ? 'the treasury (its stewards sign it)' : mode === 'change' ? target?.name : 'the new vault'}: action number {made.action.nonce},
              valid until {new Date(made.action.validUntil * 1000).toLocaleString()}.
              {made.action.kind === 'vault.createCommons' && made.action.payload.spendLimit ? ` Spend limit ${formatAmount(made.action.payload.spendLimit.amount, DECIMALS.CONX)} CONX every ${periodDays} days.` : ''}
            </p>
            <button type="button" onClick={onOpenInbox}>
              Open the request inbox
            </button>
          </div>
        )}
      </Card>
    </div>
  );
}
