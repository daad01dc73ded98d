import { describe, expect, it } from 'vitest';
import { keySigner, signAction } from '../commons/build';
import { pkhDid } from '../commons/identity-did';
import { deriveVaultAddress } from '../commons/vaults';
import { unwrap } from '../result';
import { describeAction } from './describe';
import { alice, aliceLedger, bob, commons, commonsId, demoKeys, demoState, draft, sequence, signatureOf, treasury, VALID_UNTIL, vaultNamed, viewOf } from './fixtures';
import { encodeRequestFile, parseRequestFile } from './request';

const send = (to: string) => ({ ...draft().action, payload: { ...draft().action.payload, to } });

describe('the words a co-signer reads', () => {
  it('a relabelled request file shows the true recipient, not its label', () => {
    // A format 1 file whose names say "Commons treasury" while the signed recipient is Bob's vault.
    const signed = draft();
    const file = {
      format: 'c3-signing-request/1',
      commons: { id: commonsId, name: 'Demo Commons' },
      vault: { address: alice.address, name: 'Commons treasury', threshold: 2, nonce: alice.nonce },
      action: { kind: 'token.transfer', payload: encodeRequestFile(signed).action.payload, toName: 'Commons treasury' },
      validUntil: VALID_UNTIL,
      signatures: [{ signer: aliceLedger.address, sig: signatureOf(signed, aliceLedger) }],
    };
    const request = unwrap(parseRequestFile(JSON.stringify(file)));
    const words = describeAction(commons, request.action);
    expect(words.text).toBe(`Send 12.5 CONX from Alice's vault (member vault of Alice, ${alice.address}) to Bob's vault (member vault of Bob, ${bob.address})`);
    expect(words.text).not.toContain('Commons treasury');
    expect(words.parts.filter((p) => 'party' in p)).toEqual([
      { party: { known: true, address: alice.address, vaultName: "Alice's vault", kind: 'member', owner: 'Alice' } },
      { party: { known: true, address: bob.address, vaultName: "Bob's vault", kind: 'member', owner: 'Bob' } },
    ]);
  });

  it('names a Commons vault as one, with its address', () => {
    expect(describeAction(commons, send(treasury.address)).text).toBe(
      `Send 12.5 CONX from Alice's vault (member vault of Alice, ${alice.address}) to Commons treasury (a Commons vault, ${treasury.address})`,
    );
  });

  it('a recipient the ledger does not know is said to be unknown, in full', () => {
    const stranger = `0x${'5a'.repeat(20)}`;
    const words = describeAction(commons, send(stranger));
    expect(words.text).toBe(`Send 12.5 CONX from Alice's vault (member vault of Alice, ${alice.address}) to an unknown address (${stranger})`);
    expect(words.parts.at(-1)).toEqual({ party: { known: false, address: stranger } });
  });

  it('a member vault named like the treasury is shown as that member’s vault', () => {
    // Bob names a vault of his "Commons treasury": the ledger allows any name, so the owner is shown too.
    const bobFirst = keySigner(demoKeys.trezor(2));
    const bobSecond = keySigner(demoKeys.ledger(2));
    const owner = pkhDid(bobFirst.address);
    const lookalike = deriveVaultAddress(commonsId, owner, 'lookalike');
    const signers = vaultNamed(commons, "Bob's vault").signers.map((s) => ({ address: s.address.toLowerCase(), device: s.device, label: s.label, path: '' }));
    const create = signAction(commonsId, { kind: 'vault.create', vault: lookalike, nonce: 0, validUntil: VALID_UNTIL, payload: { owner, name: 'Commons treasury', signers, threshold: 2, salt: 'lookalike' } }, [bobFirst, bobSecond]);
    const view = viewOf(unwrap(sequence(demoState, [create])));
    expect(describeAction(view, send(lookalike)).text).toBe(
      `Send 12.5 CONX from Alice's vault (member vault of Alice, ${alice.address}) to Commons treasury (member vault of Bob, ${lookalike})`,
    );
  });
});
