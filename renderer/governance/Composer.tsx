/**
 * The proposal composer (SPEC §7): a parameter change, a loss to share or a treasury spend, its
 * scope, title and text; and, before anything is signed, a preview of what it does. A parameter
 * change is previewed with the governance module's own `previewParamChange` (the bounds of SPEC §4
 * it would break, whether it changes a collateral ratio and so needs 66.67 %, which draw ratios or
 * caps it raises and so needs the Syndicate in scope) and its effect on the member's credit
 * capacity, with the credit module's pure figures on the member's line. The request is pre-flighted
 * and signed by the author's own vault.
 */
import { useMemo, useState } from 'react';
import { type CreditLineView, lineFigures } from '../../shared/commons/credit';
import { type Effect, type ProposalKind, previewParamChange } from '../../shared/commons/governance';
import { type Params } from '../../shared/commons/params';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { DECIMALS, parseAmount } from '../../shared/money';
import { type SigningRequest } from '../../shared/quorum/request';
import { type Result, err, ok } from '../../shared/result';
import { conx, lineOf, pricesOf } from '../credit/figures';
import { aWeekFromNow } from '../impact/time';
import { DraftNotices } from '../sign/DraftNotices';
import { usePreflightedDraft } from '../sign/usePreflightedDraft';
import { Card } from '../ui/components';
import { type ParamDiff, paramDiffs, paramText } from './effect';
import { FACTIONS, type FactionName, percent } from './figures';
import { type ProposalDraft, proposalCreateRequest } from './requests';

type ComposedKind = Extract<ProposalKind, 'paramChange' | 'lossSharing' | 'treasurySpend' | 'attestorChange'>;

const KINDS: readonly { kind: ComposedKind; label: string }[] = [
  { kind: 'paramChange', label: 'Change parameters' },
  { kind: 'lossSharing', label: 'Share a loss among all members (one member, one vote)' },
  { kind: 'treasurySpend', label: 'Spend from the treasury' },
  { kind: 'attestorChange', label: 'Add or remove an attestor (one member, one vote)' },
];

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Every parameter that is one number (bps, seconds, a count) or one amount, by its path, e.g. `drawCapBps.COMM`. */
export function numericParams(params: Params): string[] {
  const out: string[] = [];
  const walk = (value: unknown, prefix: string) => {
    if (value !== null && typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(inner, prefix ? `${prefix}.${key}` : key);
    else if (typeof value === 'number' || typeof value === 'bigint') out.push(prefix);
  };
  walk(params, '');
  return out;
}

const valueAt = (params: Params, path: string): unknown => path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], params);

/** A parameter's new value from what was typed: bps as a percentage (two decimals), amounts in CONX, others whole numbers. */
export function parseParamValue(path: string, current: unknown, text: string): Result<number | bigint, string> {
  try {
    if (typeof current === 'bigint') return ok(parseAmount(text, DECIMALS.CONX));
    if (/Bps(\.|$)/.test(path)) return ok(Number(parseAmount(text, 2)));
  } catch (error) {
    return err(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const n = Number(text.trim());
  if (!Number.isSafeInteger(n) || n < 0) return err(`${path} is a whole number of zero or more (“${text}” is not).`);
  return ok(n);
}

export interface ParamRow {
  readonly path: string;
  readonly value: string;
}

/** The change the rows make: each path set to its new value, a nested parameter's siblings kept (params.set replaces top-level fields whole). */
export function changesOf(params: Params, rows: readonly ParamRow[]): Result<Partial<Params>, string> {
  const changes: Record<string, unknown> = {};
  for (const row of rows) {
    if (!row.value.trim()) continue;
    const current = valueAt(params, row.path);
    if (current === undefined) return err(`There is no parameter ${row.path}.`);
    const parsed = parseParamValue(row.path, current, row.value);
    if (!parsed.ok) return parsed;
    const [top, ...rest] = row.path.split('.') as [string, ...string[]];
    if (rest.length === 0) {
      changes[top] = parsed.value;
      continue;
    }
    const base = structuredClone((changes[top] ?? (params as unknown as Record<string, unknown>)[top]) as Record<string, unknown>);
    let at = base;
    for (const key of rest.slice(0, -1)) at = at[key] as Record<string, unknown>;
    at[rest[rest.length - 1]!] = parsed.value;
    changes[top] = base;
  }
  if (Object.keys(changes).length === 0) return err('Give at least one parameter a new value.');
  return ok(changes as Partial<Params>);
}

/** The line's capacity (and health, if it owes anything) under the parameters now and after the change. */
export function capacityPreview(commons: CommonsView, line: CreditLineView, next: Params) {
  const prices = pricesOf(commons.credit).draw;
  const now = lineFigures(line, prices, commons.credit.params);
  const after = lineFigures(line, prices, { ...commons.credit.params, drawRatioBps: next.drawRatioBps, drawCapBps: next.drawCapBps, tierBonusBps: next.tierBonusBps, liquidationThresholdBps: next.liquidationThresholdBps, fullLiquidationHealthBps: next.fullLiquidationHealthBps });
  return { now, after };
}

export function Composer({ commons, vault, onRequest }: { commons: CommonsView; vault: VaultView; onRequest: (request: SigningRequest) => void }) {
  const [kind, setKind] = useState<ComposedKind>('paramChange');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [scope, setScope] = useState<'all' | FactionName[]>('all');
  const [rows, setRows] = useState<ParamRow[]>([{ path: 'drawRatioBps.COMM', value: '' }]);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [to, setTo] = useState('');
  const [attestor, setAttestor] = useState('');
  const [attestorMove, setAttestorMove] = useState<'add' | 'remove'>('add');
  const draft = usePreflightedDraft(commons, onRequest);
  const paths = useMemo(() => numericParams(commons.params), [commons.params]);
  const changes = kind === 'paramChange' ? changesOf(commons.params, rows) : null;
  const preview = changes?.ok ? previewParamChange(commons.params, changes.value) : null;
  const oneVote = kind === 'lossSharing' || kind === 'attestorChange';

  const effect = (proposal: `0x${string}`): Result<Effect, string> => {
    if (kind === 'paramChange') return changes?.ok ? ok({ action: 'params.set', payload: { proposal, params: changes.value } }) : err(changes?.ok === false ? changes.error : 'Give at least one parameter a new value.');
    if (kind === 'attestorChange') {
      const key = attestor.trim().toLowerCase();
      if (!ADDRESS.test(key)) return err('The attestor is named by the 20-byte address of its key (0x and 40 hex digits).');
      return ok({ action: 'attestor.set', payload: { proposal, add: attestorMove === 'add' ? [key] : [], remove: attestorMove === 'remove' ? [key] : [] } });
    }
    let minor: bigint;
    try {
      minor = parseAmount(amount, DECIMALS.CONX);
    } catch (error) {
      return err(`The amount: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (minor <= 0n) return err('The amount must be more than zero.');
    if (kind === 'lossSharing') return reason.trim() ? ok({ action: 'loss.share', payload: { proposal, amount: minor, reason: reason.trim() } }) : err('Say what the loss is: the reason goes into the ledger.');
    const target = commons.vaults.find((v) => v.address === to) ?? commons.vaults.find((v) => v.kind === 'member');
    if (!target) return err('Choose the vault the treasury pays.');
    return ok({ action: 'treasury.spend', payload: { proposal, to: target.address.toLowerCase(), token: 'CONX', amount: minor } });
  };

  const create = () => {
    const proposal: ProposalDraft = { kind, scope: oneVote ? 'all' : scope, title, text, effect };
    return draft.create(proposalCreateRequest(commons, vault, proposal, aWeekFromNow()));
  };

  const toggle = (faction: FactionName) => {
    const current = scope === 'all' ? [] : scope;
    setScope(current.includes(faction) ? current.filter((f) => f !== faction) : FACTIONS.filter((f) => f === faction || current.includes(f)));
  };

  return (
    <Card title="Propose" aside={<span className="muted small">Signed by {vault.name}, with its owner’s own key</span>}>
      <div className="form-grid">
        <label>
          Kind
          <select value={kind} onChange={(e) => (setKind(e.target.value as ComposedKind), draft.reset())} aria-label="Proposal kind">
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} aria-label="Proposal title" maxLength={200} />
        </label>
        <label>
          Text
          <textarea value={text} onChange={(e) => setText(e.target.value)} aria-label="Proposal text" maxLength={10_000} rows={3} />
        </label>
      </div>
      {oneVote ? (
        <p className="small">Every member votes on it, one member one vote, with an anonymous ballot (SPEC §7: it concerns all members alike).</p>
      ) : (
        <fieldset className="inline-choices">
          <legend>Who votes (each faction tallies on its own and must pass)</legend>
          <label>
            <input type="radio" checked={scope === 'all'} onChange={() => setScope('all')} aria-label="Scope all factions" /> All factions
          </label>
          {FACTIONS.map((f) => (
            <label key={f}>
              <input type="checkbox" checked={scope !== 'all' && scope.includes(f)} onChange={() => toggle(f)} aria-label={`Scope ${f}`} /> {f}
            </label>
          ))}
        </fieldset>
      )}
      {kind === 'paramChange' && (
        <div className="stack">
          {rows.map((row, index) => (
            <div className="form-grid" key={index}>
              <label>
                Parameter
                <select value={row.path} onChange={(e) => setRows(rows.map((r, i) => (i === index ? { ...r, path: e.target.value } : r)))} aria-label={`Parameter ${index + 1}`}>
                  {paths.map((p) => (
                    <option key={p} value={p}>
                      {p} (now {paramText(p, valueAt(commons.params, p) as number | bigint)})
                    </option>
                  ))}
                </select>
              </label>
              <label>
                New value {/Bps(\.|$)/.test(row.path) ? '(%)' : typeof valueAt(commons.params, row.path) === 'bigint' ? '(CONX)' : ''}
                <input value={row.value} onChange={(e) => setRows(rows.map((r, i) => (i === index ? { ...r, value: e.target.value } : r)))} aria-label={`New value ${index + 1}`} inputMode="decimal" />
              </label>
            </div>
          ))}
          <div className="actions">
            <button type="button" onClick={() => setRows([...rows, { path: 'drawCapBps.COMM', value: '' }])}>
              Add a parameter
            </button>
          </div>
        </div>
      )}
      {kind === 'attestorChange' && (
        <div className="form-grid">
          <label>
            Attestor
            <select value={attestorMove} onChange={(e) => setAttestorMove(e.target.value as 'add' | 'remove')} aria-label="Attestor change">
              <option value="add">Add</option>
              <option value="remove">Remove</option>
            </select>
          </label>
          <label>
            Attestor’s key (address)
            <input value={attestor} onChange={(e) => setAttestor(e.target.value)} aria-label="Attestor address" className="mono" placeholder="0x…" />
          </label>
          <p className="muted small">Attestors now: {commons.attestors.join(', ') || 'none'}.</p>
        </div>
      )}
      {(kind === 'lossSharing' || kind === 'treasurySpend') && (
        <div className="form-grid">
          <label>
            Amount (CONX)
            <input value={amount} onChange={(e) => setAmount(e.target.value)} aria-label="Proposal amount" inputMode="decimal" />
          </label>
          {kind === 'lossSharing' ? (
            <label>
              The loss
              <input value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Loss reason" maxLength={500} />
            </label>
          ) : (
            <label>
              Paid to
              <select value={to} onChange={(e) => setTo(e.target.value)} aria-label="Spend to">
                {commons.vaults
                  .filter((v) => v.kind === 'member')
                  .map((v) => (
                    <option key={v.address} value={v.address}>
                      {v.name}
                    </option>
                  ))}
              </select>
            </label>
          )}
        </div>
      )}
      {preview && changes?.ok && <ParamPreview commons={commons} vault={vault} diffs={paramDiffs(commons.params, changes.value)} preview={preview} scope={scope} />}
      <div className="actions">
        <button type="button" onClick={() => void create()} disabled={draft.checking}>
          {draft.checking ? 'Checking against the ledger…' : 'Create the proposal'}
        </button>
      </div>
      <DraftNotices draft={draft} />
    </Card>
  );
}

function ParamPreview({ commons, vault, diffs, preview, scope }: { commons: CommonsView; vault: VaultView; diffs: readonly ParamDiff[]; preview: ReturnType<typeof previewParamChange>; scope: 'all' | readonly FactionName[] }) {
  const line = lineOf(commons, vault);
  const { now, after } = capacityPreview(commons, line, preview.params);
  const syndicateMissing = preview.raises.length > 0 && scope !== 'all' && !scope.includes('Syndicate');
  return (
    <div className="stack" data-testid="param-preview">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col" className="num">
              Now
            </th>
            <th scope="col" className="num">
              After
            </th>
          </tr>
        </thead>
        <tbody>
          {diffs.map((d) => (
            <tr key={d.param} data-testid="param-diff" data-param={d.param}>
              <td className="mono">{d.param}</td>
              <td className="num">{d.before}</td>
              <td className="num">{d.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!preview.bounds.ok && (
        <p className="notice notice-error" role="alert" data-testid="preview-bounds">
          The ledger would refuse this change when it executes, even if it passed: {preview.bounds.error.message}
        </p>
      )}
      <p className="small" data-testid="preview-threshold">
        It needs {percent(preview.thresholdBps)} yes in each faction in scope{preview.collateral ? ', as it changes a collateral ratio' : ''}.
        {preview.raises.length > 0 && ` It raises ${preview.raises.join(', ')}, so the Syndicate (who lend through M2M staking) must be in its scope.`}
      </p>
      {syndicateMissing && (
        <p className="notice notice-error" role="alert">
          Add the Syndicate to the scope: a change that raises a draw ratio or cap without it is refused.
        </p>
      )}
      <p data-testid="preview-capacity" data-before={now.capacity.toString()} data-after={after.capacity.toString()}>
        {vault.name}’s credit capacity: <strong>{conx(now.capacity)}</strong> now, <strong>{conx(after.capacity)}</strong> once executed
        {after.capacity === now.capacity ? ' (unchanged)' : after.capacity > now.capacity ? ` (+${conx(after.capacity - now.capacity)})` : ` (−${conx(now.capacity - after.capacity)})`}.
        {line.debt > 0n && ` It owes ${conx(line.debt)}.`}
      </p>
    </div>
  );
}
