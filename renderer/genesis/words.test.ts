import { describe, expect, it } from 'vitest';
import { hashTypedData } from 'viem';
import { DEFAULT_PARAMS_V2 } from '../../shared/commons/params/defaults';
import { checkParamBounds } from '../../shared/commons/params/bounds';
import { genesisEntry } from '../../shared/commons/fixtures';
import { entryHash } from '../../shared/commons/quorum';
import { commonsIdOf } from '../../shared/commons/apply';
import { ledgerEntryTypedDataJson, paramFields, paramsFrom, thresholdTradeOff } from './words';

describe('the threshold’s trade-off', () => {
  it('says what one steward alone can do, and what losing devices costs', () => {
    expect(thresholdTradeOff(1, 3)).toMatch(/Any one steward alone can seal/);
    expect(thresholdTradeOff(2, 3)).toMatch(/up to 1 steward is unreachable; losing 2 devices stops it/);
    expect(thresholdTradeOff(3, 3)).toMatch(/every steward is needed/);
    expect(thresholdTradeOff(4, 3)).toBe('Choose between 1 and 3.');
  });
});

describe('the parameters as fields', () => {
  it('round-trips every parameter, amounts as bigint minor units', () => {
    const fields = paramFields(DEFAULT_PARAMS_V2);
    expect(fields.find((f) => f.name === 'minDebt')).toEqual({ name: 'minDebt', value: '100000000', amount: true });
    const back = paramsFrom(DEFAULT_PARAMS_V2, Object.fromEntries(fields.map((f) => [f.name, f.value])));
    expect(back).toEqual({ ok: true, params: DEFAULT_PARAMS_V2 });
  });

  it('a field that is not a whole number is named; a value outside SPEC §4’s bounds is caught by the bounds', () => {
    expect(paramsFrom(DEFAULT_PARAMS_V2, { 'drawCapBps.BTC': '65.5' })).toEqual({ ok: false, field: 'drawCapBps.BTC' });
    const edited = paramsFrom(DEFAULT_PARAMS_V2, { 'drawCapBps.BTC': '8000' });
    if (!edited.ok) throw new Error('not parsed');
    expect(checkParamBounds(edited.params)).toMatchObject({ ok: false, error: { kind: 'ParamOutOfBounds', param: 'drawCapBps.BTC' } });
  });
});

describe('the entry a steward’s device signs', () => {
  it('hashes, as EIP-712 typed data, to the entry’s hash the ledger checks', () => {
    const entry = genesisEntry();
    const commonsId = commonsIdOf(entry.actions[0] as never);
    const typed = ledgerEntryTypedDataJson(commonsId, entry);
    expect(hashTypedData(typed as never)).toBe(entryHash(commonsId, entry));
  });
});
