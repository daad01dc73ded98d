/**
 * What the genesis wizard and the stewards' page say, as pure functions: the threshold's
 * trade-off in plain words, the parameters as a flat list of fields (and back), and the entry a
 * steward's device is asked to sign (an EIP-712 `LedgerEntry`, SPEC §11).
 */
import { type TypedDataJson } from '../../shared/contract/devices';
import { type Hex } from '../../shared/crypto/canonical';
import { commonsDomain, ledgerEntryTypes } from '../../shared/crypto/eip712';
import { actionsHash } from '../../shared/commons/quorum';
import { type Entry } from '../../shared/commons/log';
import { type ParamsV2 } from '../../shared/commons/params/schema';

/** The trade-off of M of N stewards, said plainly (SPEC §3: 1 ≤ M ≤ N ≤ 15). */
export function thresholdTradeOff(threshold: number, stewards: number): string {
  if (stewards === 0) return 'Add the stewards first: the threshold is how many of them must seal each entry.';
  if (threshold < 1 || threshold > stewards) return `Choose between 1 and ${stewards}.`;
  const lost = stewards - threshold + 1;
  const safety =
    threshold === 1
      ? 'Any one steward alone can seal entries and move the treasury: one lost or stolen device is enough to take it.'
      : `No ${threshold - 1} steward${threshold - 1 === 1 ? '' : 's'} can seal anything without ${threshold === 2 ? 'another' : 'the others'}: ${threshold} devices must be taken or ${threshold} stewards must collude to move the treasury.`;
  const liveness =
    lost === 1
      ? `But every steward is needed: one lost device (or one steward away) stops the Commons until the signers are changed — and changing them needs ${threshold} signatures too.`
      : `The Commons keeps going while up to ${lost - 1} steward${lost - 1 === 1 ? ' is' : 's are'} unreachable; losing ${lost} devices stops it for good.`;
  return `${threshold} of ${stewards}: every entry needs ${threshold} steward signature${threshold === 1 ? '' : 's'}. ${safety} ${liveness}`;
}

/** One parameter as the wizard edits it: its dotted name and value (bps, seconds, counts, or minor units for amounts). */
export interface ParamField {
  readonly name: string;
  readonly value: string;
  readonly amount: boolean;
}

/** The parameters as fields, in their schema's order. */
export function paramFields(params: ParamsV2): ParamField[] {
  const fields: ParamField[] = [];
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) walk(prefix ? `${prefix}.${key}` : key, inner);
    } else fields.push({ name: prefix, value: String(value), amount: typeof value === 'bigint' });
  };
  walk('', params);
  return fields;
}

/** The parameters with the fields' values put back, or the first field that is not a whole number. */
export function paramsFrom(base: ParamsV2, values: Readonly<Record<string, string>>): { ok: true; params: ParamsV2 } | { ok: false; field: string } {
  const copy = structuredClone(base) as unknown as Record<string, unknown>;
  for (const field of paramFields(base)) {
    const text = (values[field.name] ?? field.value).trim();
    if (!/^\d+$/.test(text) || (!field.amount && !Number.isSafeInteger(Number(text)))) return { ok: false, field: field.name };
    const path = field.name.split('.');
    let target = copy;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[path[path.length - 1]!] = field.amount ? BigInt(text) : Number(text);
  }
  return { ok: true, params: copy as unknown as ParamsV2 };
}

const EIP712_DOMAIN = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'salt', type: 'bytes32' },
];

/** eth_signTypedData_v4 JSON of the entry the stewards seal (its digest is the entry's hash). */
export function ledgerEntryTypedDataJson(commonsId: Hex, entry: Pick<Entry, 'seq' | 'prevHash' | 'time' | 'actions'>): TypedDataJson {
  return {
    domain: { ...commonsDomain(commonsId) },
    types: { EIP712Domain: EIP712_DOMAIN, LedgerEntry: ledgerEntryTypes.LedgerEntry.map((field) => ({ ...field })) },
    primaryType: 'LedgerEntry',
    message: { commons: commonsId, seq: String(entry.seq), prevHash: entry.prevHash, time: String(entry.time), actionsHash: actionsHash(commonsId, entry.actions) },
  };
}
