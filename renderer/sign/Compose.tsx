/**
 * Composing a vault action: what to do (send tokens, change a vault's threshold or its signers),
 * then the pre-flight (preflight.ts) before the request exists: an action the ledger would refuse
 * is said in words here, and no signer is ever asked to sign it on a device.
 */
import { useEffect, useMemo, useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { DECIMALS, formatAmount, parseAmount, type CommonsToken } from '../../shared/money';
import { type SignerDraft, type SigningRequest, signersRequest, thresholdRequest, transferRequest } from '../../shared/quorum/request';
import { type Result } from '../../shared/result';
import { Card } from '../ui/components';
import { PreflightRefusal } from './Notices';
import { type Refusal } from './preflight';
import { usePreflight } from './usePreflight';
import { verifiedLedgerOf } from './verified-ledger';

const WEEK = 7 * 24 * 3600;
/** The action is valid for a week from now; the ledger refuses it after that. */
const aWeekFromNow = () => Math.floor(Date.now() / 1000) + WEEK;

type Kind = 'transfer' | 'threshold' | 'signers';
const KINDS: { id: Kind; label: string }[] = [
  { id: 'transfer', label: 'Send tokens' },
  { id: 'threshold', label: 'Change a vault’s threshold' },
  { id: 'signers', label: 'Change a vault’s signers' },
];

export function Compose({ commons, onCreate }: { commons: CommonsView; onCreate: (r: SigningRequest) => void }) {
  const [kind, setKind] = useState<Kind>('transfer');
  const firstMulti = commons.vaults.find((v) => v.kind === 'member' && v.threshold > 1) ?? commons.vaults[0];
  const [from, setFrom] = useState(firstMulti?.address ?? '');
  const vault = commons.vaults.find((v) => v.address === from);
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [checking, setChecking] = useState(false);
  const preflight = usePreflight(commons);

  /** The request as drafted, then the pre-flight: only a request the ledger could execute is created. */
  const create = async (draft: Result<SigningRequest, string> | null) => {
    setRefusal(null);
    if (!draft) return setProblem('Choose the vault first.');
    if (!draft.ok) return setProblem(draft.error);
    setProblem(null);
    setChecking(true);
    const checked = await preflight(draft.value);
    setChecking(false);
    if (!checked.ok) return setRefusal(checked.error);
    onCreate(draft.value);
  };

  return (
    <Card title="New vault action" aside={<span className="muted">Signed by the vault’s quorum on their hardware devices</span>}>
      <div className="form-grid">
        <label>
          Action
          <select value={kind} onChange={(e) => (setKind(e.target.value as Kind), setRefusal(null), setProblem(null))} aria-label="Action">
            {KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {kind === 'transfer' ? 'From vault' : 'Vault'}
          <select value={from} onChange={(e) => (setFrom(e.target.value), setRefusal(null))} aria-label={kind === 'transfer' ? 'From vault' : 'Vault'}>
            {commons.vaults.map((v) => (
              <option key={v.address} value={v.address}>
                {v.name} ({v.threshold}-of-{v.signers.length})
              </option>
            ))}
          </select>
        </label>
      </div>
      {vault && kind === 'transfer' && <TransferFields key={vault.address} commons={commons} vault={vault} busy={checking} onDraft={(d) => void create(d)} />}
      {vault && kind === 'threshold' && <ThresholdFields key={vault.address} commons={commons} vault={vault} busy={checking} onDraft={(d) => void create(d)} />}
      {vault && kind === 'signers' && <SignersFields key={vault.address} commons={commons} vault={vault} busy={checking} onDraft={(d) => void create(d)} />}
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {refusal && <PreflightRefusal refusal={refusal} />}
    </Card>
  );
}

interface FieldsProps {
  commons: CommonsView;
  vault: VaultView;
  busy: boolean;
  onDraft: (draft: Result<SigningRequest, string>) => void;
}

function CreateButton({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  return (
    <div className="actions">
      <button type="button" onClick={onClick} disabled={busy}>
        {busy ? 'Checking against the ledger…' : 'Create signing request'}
      </button>
    </div>
  );
}

function TransferFields({ commons, vault, busy, onDraft }: FieldsProps) {
  const targets = commons.vaults.filter((v) => v.address !== vault.address);
  const [to, setTo] = useState('');
  const held = useMemo(() => Object.keys(vault.balances) as CommonsToken[], [vault]);
  const [token, setToken] = useState<CommonsToken>(held.includes('CONX') ? 'CONX' : (held[0] ?? 'CONX'));
  const [amount, setAmount] = useState('10');

  const draft = (): Result<SigningRequest, string> => {
    const target = targets.find((v) => v.address === to) ?? targets[0];
    if (!target) return { ok: false, error: 'Choose the vault to send to.' };
    let minor: bigint;
    try {
      minor = parseAmount(amount, DECIMALS[token]);
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    return transferRequest(commons, vault, { token, to: target, amount: minor, validUntil: aWeekFromNow() });
  };

  return (
    <>
      <div className="form-grid">
        <label>
          To vault
          <select value={to || targets[0]?.address} onChange={(e) => setTo(e.target.value)} aria-label="To vault">
            {targets.map((v) => (
              <option key={v.address} value={v.address}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Token
          <select value={token} onChange={(e) => setToken(e.target.value as CommonsToken)} aria-label="Token">
            {(held.length > 0 ? held : (['CONX'] as CommonsToken[])).map((t) => (
              <option key={t} value={t}>
                {t} (holds {formatAmount(vault.balances[t] ?? 0n, DECIMALS[t], { maxFractionDigits: 2 })})
              </option>
            ))}
          </select>
        </label>
        <label>
          Amount
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" aria-label="Amount" />
        </label>
      </div>
      <CreateButton busy={busy} onClick={() => onDraft(draft())} />
    </>
  );
}

function ThresholdFields({ commons, vault, busy, onDraft }: FieldsProps) {
  const [threshold, setThreshold] = useState(String(vault.threshold));
  return (
    <>
      <p className="muted small">
        Today any {vault.threshold} of its {vault.signers.length} signers sign for {vault.name}. A new threshold changes who controls it.
      </p>
      <div className="form-grid">
        <label>
          New threshold
          <input value={threshold} onChange={(e) => setThreshold(e.target.value)} inputMode="numeric" aria-label="New threshold" />
        </label>
      </div>
      <CreateButton busy={busy} onClick={() => onDraft(/^\d+$/.test(threshold.trim()) ? thresholdRequest(commons, vault, Number(threshold), aWeekFromNow()) : { ok: false, error: 'The threshold is a whole number of signatures.' })} />
    </>
  );
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** The vault's signers as the verified state holds them (with the derivation paths the view leaves out). */
function useLedgerSigners(commons: CommonsView, vault: VaultView): readonly SignerDraft[] | null {
  const [signers, setSigners] = useState<readonly SignerDraft[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    void verifiedLedgerOf(commons)
      .state()
      .then((state) => !cancelled && setSigners(state?.vaults[vault.address.toLowerCase()]?.signers ?? null));
    return () => {
      cancelled = true;
    };
  }, [commons, vault]);
  return signers;
}

function SignersFields({ commons, vault, busy, onDraft }: FieldsProps) {
  const current = useLedgerSigners(commons, vault);
  const [keep, setKeep] = useState<Record<string, boolean>>(() => Object.fromEntries(vault.signers.map((s) => [s.address, true])));
  const [address, setAddress] = useState('');
  const [label, setLabel] = useState('');
  const [device, setDevice] = useState<SignerDraft['device']>('ledger');
  const [path, setPath] = useState("m/44'/60'/0'/0/0");
  const [threshold, setThreshold] = useState(String(vault.threshold));

  const draft = (): Result<SigningRequest, string> => {
    // Kept signers stay exactly as the ledger holds them (label, device, path).
    if (!current) return { ok: false, error: 'This app has not finished verifying the Commons’ ledger; wait for it to load, then try again.' };
    const kept = current.filter((s) => keep[s.address]);
    const added: SignerDraft[] = [];
    if (address.trim()) {
      if (!ADDRESS.test(address.trim())) return { ok: false, error: 'The new signer’s address is 0x followed by 40 hexadecimal digits.' };
      if (!label.trim()) return { ok: false, error: 'Give the new signer a label, e.g. “Alice · backup Ledger”.' };
      added.push({ address: address.trim().toLowerCase(), device, label: label.trim(), path: path.trim() });
    }
    if (!/^\d+$/.test(threshold.trim())) return { ok: false, error: 'The threshold is a whole number of signatures.' };
    return signersRequest(commons, vault, [...kept, ...added], Number(threshold), aWeekFromNow());
  };

  return (
    <>
      <p className="muted small">Who signs for {vault.name} after this action: the signers you keep, and one you may add. It changes who controls the vault.</p>
      <ul className="plain-list">
        {vault.signers.map((s) => (
          <li key={s.address}>
            <label>
              <input type="checkbox" checked={keep[s.address] ?? false} onChange={(e) => setKeep({ ...keep, [s.address]: e.target.checked })} aria-label={`Keep ${s.label}`} /> Keep{' '}
              <strong>{s.label}</strong> <span className="mono small">{s.address}</span>
            </label>
          </li>
        ))}
      </ul>
      <div className="form-grid">
        <label>
          New signer’s address
          <input value={address} onChange={(e) => setAddress(e.target.value)} aria-label="New signer’s address" placeholder="0x…" />
        </label>
        <label>
          Its label
          <input value={label} onChange={(e) => setLabel(e.target.value)} aria-label="New signer’s label" maxLength={100} />
        </label>
        <label>
          Its device
          <select value={device} onChange={(e) => setDevice(e.target.value as SignerDraft['device'])} aria-label="New signer’s device">
            <option value="ledger">Ledger</option>
            <option value="trezor">Trezor</option>
            <option value="unknown">Another device</option>
          </select>
        </label>
        <label>
          Its path
          <input value={path} onChange={(e) => setPath(e.target.value)} aria-label="New signer’s path" maxLength={100} />
        </label>
        <label>
          Threshold
          <input value={threshold} onChange={(e) => setThreshold(e.target.value)} inputMode="numeric" aria-label="Threshold" />
        </label>
      </div>
      <CreateButton busy={busy} onClick={() => onDraft(draft())} />
    </>
  );
}
