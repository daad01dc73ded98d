import { describe, expect, it } from 'vitest';
import { keySigner, signAction } from '../commons/build';
import { pkhDid } from '../commons/identity-did';
import { deriveVaultAddress } from '../commons/vaults';
import { unwrap } from '../result';
import { Payloads, type PayloadOf } from '../commons/log';
import { REQUEST_KINDS, type RequestKind, type SignedAction } from './action';
import { type DescriberTable, describeAction } from './describe';
import { alice, aliceLedger, aliceTrezor, bob, commons, commonsId, demoKeys, demoState, draft, sequence, signatureOf, treasury, VALID_UNTIL, vaultNamed, viewOf } from './fixtures';
import { encodeRequestFile, parseRequestFile, unsignedRequest } from './request';

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

describe('the words of every kind a request can carry', () => {
  const view = commons;
  const savings = vaultNamed(view, "Alice's savings");
  const stranger = `0x${'5a'.repeat(20)}`;
  const spec = (s: { address: string; device: 'ledger' | 'trezor' | 'unknown'; label: string }) => ({ address: s.address.toLowerCase(), device: s.device, label: s.label, path: "m/44'/60'/0'/0/1" });
  const at = <K extends RequestKind>(kind: K, vault: { address: string; nonce: number }, payload: PayloadOf<K>) => unsignedRequest({ commonsId }, vault, kind, payload, VALID_UNTIL).action;
  const alicePath = alice.address.toLowerCase();
  const PROPOSAL = `0x${'00'.repeat(31)}2a` as const;
  const sample: { readonly [K in RequestKind]: SignedAction<K> } = {
    'token.transfer': draft().action,
    'token.mint': at('token.mint', treasury, { token: 'PPT', to: alicePath, amount: 2_000_000n }),
    'token.burnToComm': at('token.burnToComm', alice, { amount: 3_000_000n }),
    'token.burnToConx': at('token.burnToConx', alice, { amount: 4_000_000n }),
    'attestor.register': at('attestor.register', treasury, { attestor: stranger }),
    'member.changeFaction': at('member.changeFaction', alice, { faction: 'Guild' }),
    'vault.setThreshold': at('vault.setThreshold', alice, { threshold: 1 }),
    'vault.setSigners': at('vault.setSigners', alice, { signers: [spec(alice.signers[0]!), { address: stranger, device: 'unknown', label: 'Treasury backup', path: '' }], threshold: 1 }),
    'vault.create': at('vault.create', { address: deriveVaultAddress(commonsId, pkhDid(aliceLedger.address), 'x'), nonce: 0 }, { owner: pkhDid(aliceLedger.address), name: 'Travel', signers: savings.signers.map(spec), threshold: 2, salt: 'x' }),
    'vault.createCommons': at('vault.createCommons', treasury, {
      address: deriveVaultAddress(commonsId, 'commons', 'reserve'),
      name: 'Reserve',
      signers: savings.signers.map(spec),
      threshold: 2,
      salt: 'reserve',
      spendLimit: { amount: 1_000_000_000n, periodSeconds: 30 * 86_400 },
    }),
    'vault.setSpendLimit': at('vault.setSpendLimit', treasury, { vault: treasury.address.toLowerCase(), spendLimit: { amount: 500_000_000n, periodSeconds: 86_400 } }),
    'quest.open': at('quest.open', treasury, {
      id: 'garden',
      title: 'Community garden',
      sponsor: 'Union',
      coSponsors: ['Guild'],
      budget: 5_000_000n,
      verifiers: { address: stranger, name: 'Garden verifiers', signers: [spec(alice.signers[0]!)], threshold: 1, salt: 'garden' },
    }),
    'offer.post': at('offer.post', alice, { quest: 'garden', id: 'beds', deliverable: 'Raised beds', reward: { conx: 1_000_000n, ppt: 2_000_000n, role: 3_000_000n } }),
    'offer.accept': at('offer.accept', treasury, { offer: 'beds' }),
    'offer.submit': at('offer.submit', alice, { offer: 'beds' }),
    'offer.complete': at('offer.complete', treasury, { offer: 'beds' }),
    'offer.fail': at('offer.fail', treasury, { offer: 'beds', reason: 'not built' }),
    'stake.request': at('stake.request', alice, { offer: 'beds', amount: 1_000_000n }),
    'stake.give': at('stake.give', alice, { request: 'beds/1', amount: 1_000_000n }),
    'stake.release': at('stake.release', alice, { request: 'beds/1' }),
    'price.attest': at('price.attest', treasury, { asset: 'BTC', price: 60_000_000_000n }),
    'credit.lock': at('credit.lock', alice, { amount: 100_000_000_000n }),
    'credit.unlock': at('credit.unlock', alice, { amount: 1_500_000n }),
    'credit.pledge': at('credit.pledge', alice, { asset: 'BTC', amount: 150_000_000n }),
    'credit.unpledge': at('credit.unpledge', alice, { asset: 'ETH', amount: 10n ** 17n }),
    'credit.draw': at('credit.draw', alice, { amount: 60_000_000_000n }),
    'credit.repay': at('credit.repay', alice, { amount: 1_000_000_001n }),
    'credit.setOff': at('credit.setOff', alice, { amount: 2_000_000_000n }),
    'credit.setOffByTreasury': at('credit.setOffByTreasury', treasury, { vault: alicePath, amount: 2_000_000_000n }),
    'credit.liquidate': at('credit.liquidate', treasury, { vault: alicePath }),
    'proposal.create': at('proposal.create', alice, {
      id: PROPOSAL,
      kind: 'treasurySpend',
      scope: ['Union', 'Guild'],
      title: 'Pay the gardener',
      text: 'Two days of work on the beds.',
      effect: { action: 'treasury.spend', payload: { proposal: PROPOSAL, to: alicePath, token: 'CONX', amount: 250_000_000n } },
    }),
    'proposal.vote': at('proposal.vote', alice, { proposal: PROPOSAL, token: 'PPT', amount: 12_500_000n, support: 'yes' }),
    'proposal.cancel': at('proposal.cancel', alice, { proposal: PROPOSAL }),
    'dex.list': at('dex.list', alice, { id: 'bikes', title: 'Bike repair', unit: 'hour', price: 20_000_000n }),
    'dex.delist': at('dex.delist', alice, { listing: 'bikes' }),
    'dex.order': at('dex.order', bob, { id: 'bob-1', market: 'bikes', side: 'buy', price: 20_500_000n, quantity: 2n }),
    'dex.cancel': at('dex.cancel', bob, { order: 'bob-1' }),
    'patronage.close': at('patronage.close', treasury, { period: 1, costs: 100_000_000n, note: 'First quarter' }),
    'patronage.payBill': at('patronage.payBill', alice, { amount: 2_500_000n }),
    'patronage.claimRefund': at('patronage.claimRefund', alice, { amount: 1_250_000n }),
    'dispute.open': at('dispute.open', alice, { id: 'd1', subject: { kind: 'offer', id: 'beds' }, claim: 'The beds were never built', amount: 1_000_000n }),
    'dispute.propose': at('dispute.propose', treasury, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: 1_000_000n, sharedBps: 5_000, note: 'Share it' } }),
    'dispute.accept': at('dispute.accept', alice, { dispute: 'd1' }),
    'dispute.reject': at('dispute.reject', alice, { dispute: 'd1', reason: 'Too little' }),
    'dispute.vote': at('dispute.vote', alice, { dispute: 'd1', support: 'for' }),
    'dispute.appeal': at('dispute.appeal', alice, { dispute: 'd1', reason: 'Unfair' }),
    'dispute.pay': at('dispute.pay', alice, { dispute: 'd1', amount: 500_000n }),
    'member.enrol': at('member.enrol', { address: deriveVaultAddress(commonsId, pkhDid(stranger), 'main'), nonce: 0 }, {
      did: pkhDid(stranger),
      label: 'Gita',
      faction: 'Guild',
      commitment: '1',
      nullifier: '2',
      publicSignals: [],
      proof: { pi_a: ['0', '0', '0'], pi_b: [['0', '0'], ['0', '0'], ['0', '0']], pi_c: ['0', '0', '0'], protocol: 'groth16', curve: 'bn128' },
      attestor: view.attestors[0]!.toLowerCase(),
      attestorSig: `0x${'00'.repeat(65)}`,
      vault: { name: "Gita's vault", signers: [{ address: stranger, device: 'ledger', label: 'Gita · Ledger', path: "m/44'/60'/0'/0/0" }], threshold: 1, salt: 'main' },
    }),
  };

  it('every kind is a request kind but those no vault signs (the genesis, anonymous ballots, passed proposals’ effects)', () => {
    const unsigned = ['commons.genesis', 'ballot.anonymous', 'params.set', 'quest.openApproved', 'treasury.spend', 'attestor.set', 'steward.change', 'loss.share'];
    const kinds = Object.keys(Payloads).filter((k) => !unsigned.includes(k));
    expect([...REQUEST_KINDS].sort()).toEqual(kinds.sort());
  });

  it('every kind is said in words, with the acting vault’s full address, and survives a file', () => {
    for (const kind of REQUEST_KINDS) {
      const action = sample[kind];
      const words = describeAction(view, action);
      expect(words.text, kind).toContain(action.vault);
      expect(words.text, kind).not.toMatch(/undefined|NaN|\[object/);
      const request = { commonsId, action, signatures: [] };
      expect(unwrap(parseRequestFile(JSON.stringify(encodeRequestFile(request)))), kind).toEqual(request);
    }
  });

  it('the words of each kind', () => {
    const words = (kind: RequestKind) => describeAction(view, sample[kind]).text;
    const a = `Alice's vault (member vault of Alice, ${alicePath})`;
    const t = `Commons treasury (a Commons vault, ${treasury.address.toLowerCase()})`;
    expect(words('token.mint')).toBe(`Mint 2 PPT into ${a}, authorised by ${t}`);
    expect(words('token.burnToComm')).toBe(`Burn 3 PPT held in ${a} for COMM, at the Commons’ burn-to-COMM rate`);
    expect(words('token.burnToConx')).toBe(`Burn 4 PPT held in ${a} for CONX, at the Commons’ burn-to-CONX rate`);
    expect(words('attestor.register')).toBe(`Register the key ${stranger} as an attestor of this Commons (it vouches that a live person made an enrolment), authorised by ${t}`);
    expect(words('member.changeFaction')).toBe(`Move Alice from the Union to the Guild, signed for by ${a}`);
    expect(words('vault.create')).toBe(
      `Create a vault named “Travel” (${sample['vault.create'].vault}) for Alice (${pkhDid(aliceLedger.address)}), controlled by any 2 of these 2 keys: Alice · Ledger (${aliceLedger.address}), Alice · Trezor (${aliceTrezor.address})`,
    );
    expect(words('vault.createCommons')).toBe(
      `Create a Commons vault named “Reserve” (${deriveVaultAddress(commonsId, 'commons', 'reserve')}), controlled by any 2 of these 2 keys: Alice · Ledger (${aliceLedger.address}), Alice · Trezor (${aliceTrezor.address}), spending at most 1,000 CONX every 30 days; authorised by ${t}`,
    );
    expect(words('vault.setSpendLimit')).toBe(`Set the spend limit of ${t} to at most 500 CONX every day (a spend above it will need a governance vote); authorised by ${t}`);
    expect(words('member.enrol')).toBe(
      `Enrol Gita (${pkhDid(stranger)}) in the Guild, with a new vault named “Gita's vault” (${sample['member.enrol'].vault}) controlled by this one key: a key this Commons does not know (${stranger}); vouched for by a registered attestor of this Commons (${view.attestors[0]!.toLowerCase()})`,
    );
  });

  it('the words of each credit kind: amounts in full with their asset, every vault by the ledger’s name', () => {
    const words = (kind: RequestKind) => describeAction(view, sample[kind]).text;
    const a = `Alice's vault (member vault of Alice, ${alicePath})`;
    const t = `Commons treasury (a Commons vault, ${treasury.address.toLowerCase()})`;
    expect(words('price.attest')).toBe(`Attest the price of BTC at 60,000 CONX per BTC (a jump of more than the Commons’ price-jump limit is held as a pending price before it takes effect), authorised by ${t}`);
    expect(words('credit.lock')).toBe(`Lock 100,000 COMM from ${a} as collateral of its credit line`);
    expect(words('credit.unlock')).toBe(`Unlock 1.5 COMM from the credit line of ${a}, back into the vault`);
    expect(words('credit.pledge')).toBe(`Pledge 1.5 BTC, held in the vault’s own BTC wallet, as collateral of the credit line of ${a}`);
    expect(words('credit.unpledge')).toBe(`Withdraw 0.1 ETH of the ETH pledged to the credit line of ${a}`);
    expect(words('credit.draw')).toBe(`Draw 60,000 CONX on the credit line of ${a}, minted into that vault as debt`);
    expect(words('credit.repay')).toBe(`Repay 1,000.000001 CONX of the debt of ${a}, fees first: the fee part goes to the Commons treasury, the rest is burned`);
    expect(words('credit.setOff')).toBe(`Set off 2,000 COMM locked in the credit line of ${a} against its debt, fees first (that COMM is burned)`);
    expect(words('credit.setOffByTreasury')).toBe(`Set off 2,000 COMM locked in the credit line of ${a} against its debt, fees first (that COMM is burned; allowed only while its health is below 1), authorised by ${t}`);
    expect(words('credit.liquidate')).toBe(`Liquidate the credit line of ${a} (its COMM set off first, then its pledged collateral claimed with the liquidation penalty, as SPEC §4 sets out), authorised by ${t}`);
  });

  it('the words of each governance kind: the effect in full, a vote’s burn said apart', () => {
    const words = (kind: RequestKind) => describeAction(view, sample[kind]).text;
    const a = `Alice's vault (member vault of Alice, ${alicePath})`;
    expect(words('proposal.create')).toBe(
      `Propose “Pay the gardener” (treasurySpend, proposal ${PROPOSAL}), voted by the Union and the Guild: once it passes and its timelock is over, anyone may pay 250 CONX from the Commons treasury to ${a}; proposed by ${a}`,
    );
    const vote = describeAction(view, sample['proposal.vote']);
    expect(vote.text).toBe(`Burn 12.5 PPT held in ${a} to vote yes on a proposal this Commons does not know (${PROPOSAL}), with a weight of 12.5`);
    expect(vote.warning).toBe('Voting burns these tokens: they are gone for good, whatever the outcome.');
    expect(words('proposal.cancel')).toBe(`Cancel a proposal this Commons does not know (${PROPOSAL}) before its vote starts, as its author, from ${a}`);
  });

  it('the words of each DEX kind: prices in full CONX per unit, the band from the ledger, the listing by its lister', () => {
    const aliceDid = vaultNamed(view, "Alice's vault").owner!;
    const listed = {
      ...view,
      dexListings: [{ id: 'bikes', title: 'Bike repair', unit: 'hour', vault: alicePath, member: aliceDid, reference: 20_000_000n, low: 19_000_000n, high: 21_000_000n, listedAt: 0, closedAt: null, bids: [], asks: [], lastPrice: null }],
      dexOrders: [{ id: 'bob-1', market: 'bikes', side: 'buy' as const, price: 20_500_000n, quantity: 2n, filled: 1n, remaining: 1n, value: 20_000_000n, escrowed: 20_500_000n, vault: bob.address.toLowerCase(), member: 'did:x', seq: 1, placedAt: 0, state: 'open' as const, closedAt: null }],
    };
    const words = (kind: RequestKind) => describeAction(listed, sample[kind]).text;
    const a = `Alice's vault (member vault of Alice, ${alicePath})`;
    const b = `Bob's vault (member vault of Bob, ${bob.address.toLowerCase()})`;
    const bikes = 'listing bikes (“Bike repair”, by Alice, 20 CONX per hour)';
    expect(words('dex.list')).toBe(`List the service “Bike repair” as bikes, at 20 CONX per hour: that price is the listing’s reference, and every order on it must lie within ±5 % of it; listed by ${a}`);
    expect(words('dex.delist')).toBe(`Close ${bikes}: its open orders are cancelled and the CONX they hold in escrow goes back to their buyers; closed by ${a}`);
    expect(words('dex.order')).toBe(`Buy 2 × hour of ${bikes} at up to 20.5 CONX each (order bob-1): 41 CONX move from ${b} into escrow until it fills or is cancelled; it fills against offers at or below that price, at their price, and what it does not spend comes back`);
    expect(words('dex.cancel')).toBe(`Cancel order bob-1 (buy 2 × hour of ${bikes} at 20.5 CONX each, 1 already filled); the 20.5 CONX it holds in escrow go back to ${b}`);
    const sell = { ...sample['dex.order'], vault: alicePath, payload: { ...sample['dex.order'].payload, side: 'sell' as const, quantity: 1n } };
    expect(describeAction(listed, sell).text).toBe(`Sell 1 × hour of ${bikes} at 20.5 CONX each or more (order bob-1); the buyers’ CONX is paid into ${a} as it fills`);
    // A listing the ledger does not know, and a token pair, are said to be so.
    expect(describeAction(view, sample['dex.order']).text).toContain('a service listing this Commons does not know (bikes)');
    const swap = { ...sample['dex.order'], payload: { ...sample['dex.order'].payload, market: 'COMM/CONX' as const } };
    expect(describeAction(view, swap).text).toContain('the token pair COMM/CONX, which the DEX does not trade');
  });

  it('the words of each patronage kind: the close as the ledger will compute it, bills and refunds with what is owed', () => {
    const words = (kind: RequestKind) => describeAction(view, sample[kind]).text;
    const a = `Alice's vault (member vault of Alice, ${alicePath})`;
    const t = `Commons treasury (a Commons vault, ${treasury.address.toLowerCase()})`;
    const did = pkhDid(aliceLedger.address);
    // The demo Commons has recorded no revenue yet: costs of 100 CONX are a deficit the empty reserve cannot meet.
    expect(words('patronage.close')).toBe(
      `Close patronage period 1 (“First quarter”): revenue recorded 0 CONX, costs 100 CONX, reserve 0 CONX (10 % of revenue; 0 CONX of it to the loss reserve); a deficit of 100 CONX: 0 CONX met from the general reserve, 100 CONX carried forward to the next close; tiers are recomputed; authorised by ${t}`,
    );
    expect(words('patronage.payBill')).toBe(`Pay 2.5 CONX of the patronage bill of Alice (${did}), owing 0 CONX, from ${a} to the Commons treasury`);
    expect(words('patronage.claimRefund')).toBe(`Claim 1.25 CONX of the patronage refunds the Commons owes Alice (${did}) (owed 0 CONX), paid from the Commons treasury into ${a}`);
    const stale = describeAction(view, { ...sample['patronage.close'], payload: { period: 4, costs: 0n, note: '' } });
    expect(stale.text).toBe(`Close patronage period 4, which is not the open period (1): the ledger will refuse it; authorised by ${t}`);
  });

  it('a change of threshold or signers says plainly that it changes who controls the vault', () => {
    const threshold = describeAction(view, sample['vault.setThreshold']);
    expect(threshold.text).toBe(`Change who controls Alice's vault (member vault of Alice, ${alicePath}): any 1 of its 2 signers will be needed to sign (today any 2)`);
    expect(threshold.warning).toContain("This request changes who controls Alice's vault");
    const signers = describeAction(view, sample['vault.setSigners']);
    expect(signers.text).toBe(
      `Change who controls Alice's vault (member vault of Alice, ${alicePath}): any 1 of these 2 keys: Alice · Ledger (${aliceLedger.address}), a key this Commons does not know (${stranger}); today it is any 2 of these 2 keys: Alice · Ledger (${aliceLedger.address}), Alice · Trezor (${aliceTrezor.address}) (this adds a key this Commons does not know (${stranger}) and removes Alice · Trezor (${aliceTrezor.address}))`,
    );
    // The label the request gives the new key ("Treasury backup") was never the ledger's: it is not shown.
    expect(signers.text).not.toContain('Treasury backup');
    expect(signers.warning).toContain('changes who controls');
    for (const kind of REQUEST_KINDS.filter((k) => k !== 'vault.setThreshold' && k !== 'vault.setSigners' && k !== 'proposal.vote')) expect(describeAction(view, sample[kind]).warning, kind).toBeNull();
  });

  it('an enrolment vouched for by a key that is not an attestor says so', () => {
    const enrol = sample['member.enrol'];
    expect(describeAction(view, { ...enrol, payload: { ...enrol.payload, attestor: stranger } }).text).toContain(`vouched for by ${stranger}, which is not an attestor of this Commons`);
  });

  it('a request kind without its words does not compile', () => {
    const { 'token.mint': _dropped, ...rest } = {} as DescriberTable;
    // @ts-expect-error the table needs a row for every request kind
    const incomplete: DescriberTable = rest;
    expect(incomplete).toBeDefined();
  });
});
