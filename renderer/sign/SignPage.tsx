/**
 * Co-signing a Commons action: compose it (or open a request file a co-signer sent), see what
 * every device will show (the action in words, the EIP-712 domain and message hashes), and
 * collect the vault's quorum of hardware signatures, each recovered and checked against the
 * vault's signers before it counts.
 */
import { useMemo, useState } from 'react';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { DECIMALS, formatAmount, parseAmount, type CommonsToken } from '../../shared/money';
import { Badge, Card, ErrorNotice } from '../ui/components';
import { useDevices } from '../devices/useDevices';
import { describeAction, hashesOf, parseRequestFile, transferRequest, verifiedSigners, type SigningRequest } from './signing-request';
import { SignerRow } from './SignerRow';
import { saveJsonFile } from '../ui/save-file';

const WEEK = 7 * 24 * 3600;

export function SignPage({ commons }: { commons: CommonsView }) {
  const [request, setRequest] = useState<SigningRequest | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const vault = request ? commons.vaults.find((v) => v.address.toLowerCase() === request.vault.address) : undefined;

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseRequestFile(await file.text());
    if (!parsed.ok) return setFileError(parsed.error);
    if (parsed.value.commons.id !== commons.commonsId.toLowerCase()) return setFileError(`This request is for another Commons (${parsed.value.commons.name}).`);
    if (!commons.vaults.some((v) => v.address.toLowerCase() === parsed.value.vault.address)) return setFileError('This request names a vault this Commons does not have.');
    setFileError(null);
    setRequest(parsed.value);
  };

  return (
    <div className="sign">
      {!request && (
        <>
          <Compose commons={commons} onCreate={setRequest} />
          <Card title="Co-sign a request from a file">
            <label className="file-pick">
              Open a signing request (.json) that a co-signer sent you
              <input type="file" accept=".json,application/json" data-testid="open-request" onChange={(e) => void openFile(e.target.files?.[0])} />
            </label>
            {fileError && <p className="notice notice-error" role="alert">{fileError}</p>}
          </Card>
        </>
      )}
      {request && vault && <Collect request={request} vault={vault} onChange={setRequest} onClose={() => setRequest(null)} />}
    </div>
  );
}

function Compose({ commons, onCreate }: { commons: CommonsView; onCreate: (r: SigningRequest) => void }) {
  const firstMulti = commons.vaults.find((v) => v.kind === 'member' && v.threshold > 1) ?? commons.vaults[0];
  const [from, setFrom] = useState(firstMulti?.address ?? '');
  const source = commons.vaults.find((v) => v.address === from);
  const targets = commons.vaults.filter((v) => v.address !== from);
  const [to, setTo] = useState('');
  const [token, setToken] = useState<CommonsToken>('CONX');
  const [amount, setAmount] = useState('10');
  const [problem, setProblem] = useState<string | null>(null);
  const held = useMemo(() => (source ? (Object.keys(source.balances) as CommonsToken[]) : []), [source]);

  const create = () => {
    const target = targets.find((v) => v.address === to) ?? targets[0];
    if (!source || !target) return setProblem('Choose the vault to send from and the vault to send to.');
    let minor: bigint;
    try {
      minor = parseAmount(amount, DECIMALS[token]);
    } catch (error) {
      return setProblem(error instanceof Error ? error.message : String(error));
    }
    // The action is valid for a week from now; the ledger refuses it after that.
    const result = transferRequest(commons, source, { token, to: target, amount: minor, validUntil: Math.floor(Date.now() / 1000) + WEEK });
    if (!result.ok) return setProblem(result.error);
    setProblem(null);
    onCreate(result.value);
  };

  return (
    <Card title="New vault action" aside={<span className="muted">Signed by the vault’s quorum on their hardware devices</span>}>
      <div className="form-grid">
        <label>
          From vault
          <select value={from} onChange={(e) => setFrom(e.target.value)} aria-label="From vault">
            {commons.vaults.map((v) => (
              <option key={v.address} value={v.address}>
                {v.name} ({v.threshold}-of-{v.signers.length})
              </option>
            ))}
          </select>
        </label>
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
                {t} (holds {formatAmount(source?.balances[t] ?? 0n, DECIMALS[t], { maxFractionDigits: 2 })})
              </option>
            ))}
          </select>
        </label>
        <label>
          Amount
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" aria-label="Amount" />
        </label>
      </div>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={create}>
          Create signing request
        </button>
      </div>
    </Card>
  );
}

function Collect({ request, vault, onChange, onClose }: { request: SigningRequest; vault: VaultView; onChange: (r: SigningRequest) => void; onClose: () => void }) {
  const devices = useDevices();
  const hashes = useMemo(() => hashesOf(request), [request]);
  const verified = useMemo(() => new Set(verifiedSigners(request, vault)), [request, vault]);
  const need = vault.threshold;
  const have = verified.size;
  const quorum = have >= need;

  const save = () => saveJsonFile(`c3-signing-request-${request.vault.name}-${request.vault.nonce}.json`, request);

  return (
    <Card title="Signing request" aside={quorum ? <Badge tone="ok">quorum reached</Badge> : <Badge>{`${have} of ${need} signatures`}</Badge>}>
      <p className="action-words" data-testid="action-words">
        {describeAction(request)}
      </p>
      <dl className="facts small">
        <dt>Vault</dt>
        <dd>
          {vault.name} · {vault.threshold}-of-{vault.signers.length} · nonce {request.vault.nonce}
        </dd>
        <dt>Valid until</dt>
        <dd>{new Date(request.validUntil * 1000).toLocaleString()}</dd>
        <dt>Domain hash</dt>
        <dd className="mono" data-testid="domain-hash">
          {hashes.domainHash}
        </dd>
        <dt>Message hash</dt>
        <dd className="mono" data-testid="message-hash">
          {hashes.messageHash}
        </dd>
      </dl>
      <p className="muted small">A device that cannot show every field shows these two hashes: check that they match before you approve.</p>
      <div className="quorum" aria-label="Signatures collected">
        <progress max={need} value={Math.min(have, need)} />
        <span data-testid="quorum">
          {have} of {need} signatures{quorum ? ' — quorum reached' : ''}
        </span>
      </div>
      {devices.error && <ErrorNotice error={devices.error} onRetry={devices.reload} />}
      <ul className="signer-rows">
        {vault.signers.map((signer) => (
          <SignerRow
            key={signer.address}
            request={request}
            vault={vault}
            signer={signer}
            verified={verified.has(signer.address.toLowerCase())}
            devices={devices.devices ?? []}
            prompts={devices.prompts}
            onSigned={onChange}
          />
        ))}
      </ul>
      <div className="actions">
        <button type="button" onClick={save}>
          Save request file for co-signers
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Card>
  );
}
