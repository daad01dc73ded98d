/** The invite file: read strictly, and matched against the genesis the ledger verified. */
import { describe, expect, it } from 'vitest';
import { genesisEntry, genesisState, keys } from './fixtures';
import { INVITE_FORMAT, inviteMatchesGenesis, inviteOf, parseInviteFile } from './invite-file';

const genesis = genesisEntry();
const invite = inviteOf(genesis);

describe('the invite file', () => {
  it('an invite names the Commons’ id, genesis hash, name and stewards, and reads back as written', () => {
    const state = genesisState();
    expect(invite).toMatchObject({ format: INVITE_FORMAT, commonsId: state.commonsId, genesisHash: state.headHash, name: 'Test Commons', threshold: 2 });
    expect(invite.stewards.map((s) => s.address)).toEqual([keys.steward1.address, keys.steward2.address, keys.steward3.address]);
    expect(parseInviteFile(JSON.stringify(invite))).toEqual({ ok: true, value: invite });
    expect(inviteMatchesGenesis(invite, genesis)).toEqual({ ok: true, value: null });
  });

  it('an invite of another version, with a key named twice, or a threshold above its stewards is refused in words', () => {
    expect(parseInviteFile(JSON.stringify({ ...invite, format: 'c3-commons-invite/2' }))).toMatchObject({ ok: false, error: { reason: expect.stringContaining('format') } });
    expect(parseInviteFile(JSON.stringify(invite).replace('{', '{"name":"Other",'))).toMatchObject({ ok: false, error: { reason: expect.stringContaining('twice') } });
    expect(parseInviteFile(JSON.stringify({ ...invite, threshold: 4 }))).toMatchObject({ ok: false, error: { reason: expect.stringContaining('threshold') } });
  });

  it('an invite that names other stewards than the ledger’s genesis does not match it', () => {
    const forged = { ...invite, stewards: invite.stewards.map((s, i) => (i === 2 ? { ...s, address: keys.mallory.address } : s)) };
    expect(inviteMatchesGenesis(forged, genesis)).toMatchObject({ ok: false, error: { reason: expect.stringContaining('stewards') } });
    expect(inviteMatchesGenesis({ ...invite, genesisHash: `0x${'00'.repeat(32)}` }, genesis)).toMatchObject({ ok: false, error: { reason: expect.stringContaining('genesis hash') } });
    expect(inviteMatchesGenesis(invite, genesisEntry(2, 1))).toMatchObject({ ok: false, error: { reason: expect.stringContaining('the Commons') } });
  });
});
