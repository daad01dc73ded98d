/**
 * The words a co-signer reads before approving (SPEC §3), derived from the verified ledger and the
 * signed action only. A request file may carry names of its own (format 1 did: "toName"); they
 * are never shown, since nobody signed them: a file labelled "to Commons treasury" whose signed
 * recipient is another member's vault must read as that vault. Every vault is named by what the
 * ledger calls it, with its owner and its full address; an address the ledger does not know is
 * said to be unknown.
 */
import { type CommonsView } from '../contract/commons-view';
import { type Asset, type CommonsToken, DECIMALS, formatAmount } from '../money';
import { type RequestKind, type SignedAction } from './action';
import { patronageCloseText } from './describe-patronage';

/** What the words need of the verified ledger (the dashboard's CommonsView has it). */
export type LedgerNames = Pick<CommonsView, 'vaults' | 'members' | 'attestors' | 'quests' | 'offers' | 'stakeRequests' | 'proposals' | 'dexListings' | 'dexOrders' | 'dexBandBps' | 'patronage' | 'disputes'>;

/** An address as the ledger knows it. */
export type Party =
  | { readonly known: true; readonly address: string; readonly vaultName: string; readonly kind: 'member'; /** The owner's member label, null when the ledger has no such member. */ readonly owner: string | null }
  | { readonly known: true; readonly address: string; readonly vaultName: string; readonly kind: 'commons' }
  | { readonly known: false; readonly address: string };

export type WordPart = { readonly text: string } | { readonly party: Party };

export interface ActionWords {
  /** The sentence in pieces, for a screen that sets names and addresses apart. */
  readonly parts: readonly WordPart[];
  /** The same sentence as plain text: exactly the parts joined. */
  readonly text: string;
  /** Said apart, before anyone signs: the request changes who controls a vault. Null otherwise. */
  readonly warning: string | null;
}

export function partyOf(ledger: Pick<LedgerNames, 'vaults' | 'members'>, address: string): Party {
  const lower = address.toLowerCase();
  const vault = ledger.vaults.find((v) => v.address.toLowerCase() === lower);
  if (!vault) return { known: false, address: lower };
  if (vault.kind === 'commons') return { known: true, address: lower, vaultName: vault.name, kind: 'commons' };
  const owner = vault.owner === null ? undefined : ledger.members.find((m) => m.did === vault.owner);
  return { known: true, address: lower, vaultName: vault.name, kind: 'member', owner: owner?.label ?? null };
}

/** What a known vault is: "a Commons vault", "member vault of Bob". */
export function partyRole(party: Extract<Party, { known: true }>): string {
  if (party.kind === 'commons') return 'a Commons vault';
  return party.owner === null ? 'member vault of a member this Commons does not know' : `member vault of ${party.owner}`;
}

/** "Bob's vault (member vault of Bob, 0x…)", "Commons treasury (a Commons vault, 0x…)", "an unknown address (0x…)". */
export function partyText(party: Party): string {
  if (!party.known) return `an unknown address (${party.address})`;
  return `${party.vaultName} (${partyRole(party)}, ${party.address})`;
}

const words = (warning: string | null, ...parts: WordPart[]): ActionWords => ({
  parts,
  text: parts.map((part) => ('party' in part ? partyText(part.party) : part.text)).join(''),
  warning,
});

const tokens = (amount: bigint, token: CommonsToken) => `${formatAmount(amount, DECIMALS[token])} ${token}`;
/** Any asset in full, with its symbol: "1.5 BTC", "60,000 CONX". */
const assetAmount = (amount: bigint, asset: Asset) => `${formatAmount(amount, DECIMALS[asset])} ${asset}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A key by the label the ledger gives it as a signer of some vault, with its full address; a key it does not know, said so. */
function keyText(ledger: Pick<LedgerNames, 'vaults'>, address: string): string {
  const lower = address.toLowerCase();
  for (const vault of ledger.vaults) {
    const signer = vault.signers.find((s) => s.address.toLowerCase() === lower);
    if (signer) return `${signer.label} (${lower})`;
  }
  return `a key this Commons does not know (${lower})`;
}

const keysText = (ledger: Pick<LedgerNames, 'vaults'>, addresses: readonly string[]) => addresses.map((a) => keyText(ledger, a)).join(', ');

/** A member by the ledger's label, with their DID; a DID it does not know, said so. */
function memberText(ledger: Pick<LedgerNames, 'members'>, did: string): string {
  const member = ledger.members.find((m) => m.did === did);
  return member ? `${member.label} (${did})` : `a member this Commons does not know (${did})`;
}

/** Any M of these N keys: "any 2 of these 2 keys: Alice · Ledger (0x…), Alice · Trezor (0x…)". */
function controlText(ledger: Pick<LedgerNames, 'vaults'>, threshold: number, signers: readonly { address: string }[]): string {
  const keys = keysText(ledger, signers.map((s) => s.address));
  if (signers.length === 1 && threshold === 1) return `this one key: ${keys}`;
  return `any ${threshold} of these ${plural(signers.length, 'key')}: ${keys}`;
}

const CHANGES_CONTROL = (name: string) =>
  `This request changes who controls ${name}: once it executes, the keys and number of signatures named here, and only they, can move what it holds. Check every address before you sign.`;

export type Describer<K extends RequestKind> = (ledger: LedgerNames, action: SignedAction<K>) => ActionWords;
/** One row per kind a request can carry: a request kind without its words fails to compile. */
export type DescriberTable = { readonly [K in RequestKind]: Describer<K> };

/** An offer by its id and what the ledger says of it: "offer site-1 (“Build the site”, by Alice)". */
function offerText(ledger: Pick<LedgerNames, 'offers' | 'members'>, id: string): string {
  const offer = ledger.offers.find((o) => o.id === id);
  if (!offer) return `an offer this Commons does not know (${id})`;
  const member = ledger.members.find((m) => m.did === offer.member);
  return `offer ${id} (“${offer.deliverable}”, by ${member?.label ?? offer.member})`;
}

/** A quest by its id and title; one the ledger does not know, said so. */
function questText(ledger: Pick<LedgerNames, 'quests'>, id: string): string {
  const quest = ledger.quests.find((q) => q.id === id);
  return quest ? `quest ${id} (“${quest.title}”)` : `a quest this Commons does not know (${id})`;
}

/** An offer's PPT and role-token rewards, the role token named by the member's faction. */
function mintedText(ledger: Pick<LedgerNames, 'offers'>, id: string): string {
  const offer = ledger.offers.find((o) => o.id === id);
  if (!offer) return 'its PPT and role-token rewards';
  return `${tokens(offer.reward.ppt, 'PPT')} and ${formatAmount(offer.reward.role, DECIMALS.PPT)} ${offer.reward.roleToken ?? 'of the member’s role token'}`;
}

/** A proposal by its title and id; one the ledger does not know, said so. */
function proposalText(ledger: Pick<LedgerNames, 'proposals'>, id: string): string {
  const proposal = ledger.proposals.find((p) => p.id === id);
  return proposal ? `proposal “${proposal.title}” (${id})` : `a proposal this Commons does not know (${id})`;
}

const SCOPE_WORDS = (scope: 'all' | readonly string[]) => (scope === 'all' ? 'every faction' : `the ${scope.join(' and the ')}`);

/** What a proposal's effect does once it passed, in words (SPEC §7). */
function effectText(ledger: LedgerNames, effect: SignedAction<'proposal.create'>['payload']['effect']): string {
  switch (effect.action) {
    case 'params.set':
      return `change the parameters ${Object.entries(effect.payload.params)
        .map(([name, value]) => `${name} to ${typeof value === 'object' ? JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) : String(value)}`)
        .join(', ')} (every bound of SPEC §4 checked again when it executes)`;
    case 'quest.openApproved': {
      const q = effect.payload.quest;
      const co = q.coSponsors.length > 0 ? `, co-sponsored by the ${q.coSponsors.join(' and the ')}` : '';
      return `open quest ${q.id} (“${q.title}”), sponsored by the ${q.sponsor}${co}, escrowing a budget of ${tokens(q.budget, 'CONX')} from the Commons treasury; its offers accepted, completed or failed by a new Commons vault “${q.verifiers.name}” (${q.verifiers.address}) controlled by ${controlText(ledger, q.verifiers.threshold, q.verifiers.signers)}`;
    }
    case 'treasury.spend':
      return `pay ${tokens(effect.payload.amount, effect.payload.token)} from the Commons treasury to ${partyText(partyOf(ledger, effect.payload.to))}`;
    case 'attestor.set': {
      const add = effect.payload.add.length > 0 ? `add the attestor keys ${effect.payload.add.join(', ')}` : null;
      const remove = effect.payload.remove.length > 0 ? `remove the attestor keys ${effect.payload.remove.join(', ')}` : null;
      return [add, remove].filter((c) => c !== null).join(' and ');
    }
    case 'steward.change':
      return `make the Commons treasury (which also seals every entry) controlled by ${controlText(ledger, effect.payload.threshold, effect.payload.signers)}`;
    case 'loss.share':
      return `move a loss of ${tokens(effect.payload.amount, 'CONX')} into Commons loss sharing, billed to the members at the next patronage close (“${effect.payload.reason}”)`;
  }
}

const BURN_WARNING = 'Voting burns these tokens: they are gone for good, whatever the outcome.';
/** A service listing by its id, title and lister: "listing bikes (“Bike repair”, by Alice, 20 CONX per hour)". */
function listingText(ledger: Pick<LedgerNames, 'dexListings' | 'members'>, id: string): string {
  if (id.includes('/')) return `the token pair ${id}, which the DEX does not trade (only CONX passes between members, SPEC §2)`;
  const listing = ledger.dexListings.find((l) => l.id === id);
  if (!listing) return `a service listing this Commons does not know (${id})`;
  const member = ledger.members.find((m) => m.did === listing.member);
  return `listing ${id} (“${listing.title}”, by ${member?.label ?? listing.member}, ${tokens(listing.reference, 'CONX')} per ${listing.unit})`;
}

/** Units of a listing: "2 × hour"; of a listing the ledger does not know, "2 units". */
function unitsText(ledger: Pick<LedgerNames, 'dexListings'>, market: string, quantity: bigint): string {
  const unit = ledger.dexListings.find((l) => l.id === market)?.unit;
  return unit === undefined ? `${quantity.toString()} ${quantity === 1n ? 'unit' : 'units'}` : `${quantity.toString()} × ${unit}`;
}

/** The band in words: "±5 %". */
const bandText = (bps: number) => `±${(bps / 100).toString()} %`;

/** "1,000 CONX every 30 days" (SPEC §3: a Commons vault's spend limit per period). */
function spendLimitText(limit: { amount: bigint; periodSeconds: number }): string {
  const days = limit.periodSeconds / 86_400;
  const period = Number.isInteger(days) ? (days === 1 ? 'day' : `${days} days`) : `${limit.periodSeconds / 3_600} hours`;
  return `${tokens(limit.amount, 'CONX')} every ${period}`;
}

/** A dispute by its id and subject: "dispute d1 (on offer site, “Build the site”, by Alice)". */
function disputeText(ledger: Pick<LedgerNames, 'disputes' | 'offers' | 'members'>, id: string): string {
  const dispute = ledger.disputes.find((d) => d.id === id);
  if (!dispute) return `a dispute this Commons does not know (${id})`;
  return `dispute ${id} (on ${subjectText(ledger, dispute.subject)}, claiming ${tokens(dispute.amount, 'CONX')})`;
}

function subjectText(ledger: Pick<LedgerNames, 'offers' | 'members'>, subject: { kind: 'offer' | 'stake' | 'collateral'; id: string }): string {
  if (subject.kind === 'offer') return offerText(ledger, subject.id);
  if (subject.kind === 'stake') return `stake request ${subject.id}`;
  return `the collateral claim on the credit line of ${subject.id}`;
}

/** A proposed resolution in full: what executing it does. */
function resolutionText(resolution: SignedAction<'dispute.propose'>['payload']['resolution']): string {
  switch (resolution.kind) {
    case 'completeWithAdjustments':
      return `complete the offer with its reward adjusted to ${tokens(resolution.reward.conx, 'CONX')} (stakers repaid first), ${tokens(resolution.reward.ppt, 'PPT')} and ${formatAmount(resolution.reward.role, DECIMALS.PPT)} of the member’s role token`;
    case 'repaymentSchedule':
      return `a repayment schedule of ${plural(resolution.instalments.length, 'instalment')}: ${resolution.instalments.map((i) => `${tokens(i.amount, 'CONX')} by ${new Date(i.dueAt * 1000).toISOString().slice(0, 10)}`).join(', ')}`;
    case 'sharedLoss':
      return `a shared loss of ${tokens(resolution.loss, 'CONX')} met in the fixed loss order (the defaulter’s vault, then the loss reserve, then the creditors pro rata), ${formatAmount(BigInt(resolution.sharedBps), 2)} % of what remains moved into Commons loss sharing if the community vote upholds it`;
  }
}

const DESCRIBERS: DescriberTable = {
  'token.transfer': (ledger, { vault, payload }) =>
    words(null, { text: `Send ${tokens(payload.amount, payload.token)} from ` }, { party: partyOf(ledger, vault) }, { text: ' to ' }, { party: partyOf(ledger, payload.to) }),
  'token.mint': (ledger, { vault, payload }) =>
    words(null, { text: `Mint ${tokens(payload.amount, payload.token)} into ` }, { party: partyOf(ledger, payload.to) }, { text: ', authorised by ' }, { party: partyOf(ledger, vault) }),
  'token.burnToComm': (ledger, { vault, payload }) =>
    words(null, { text: `Burn ${tokens(payload.amount, 'PPT')} held in ` }, { party: partyOf(ledger, vault) }, { text: ' for COMM, at the Commons’ burn-to-COMM rate' }),
  'token.burnToConx': (ledger, { vault, payload }) =>
    words(null, { text: `Burn ${tokens(payload.amount, 'PPT')} held in ` }, { party: partyOf(ledger, vault) }, { text: ' for CONX, at the Commons’ burn-to-CONX rate' }),
  'attestor.register': (ledger, { vault, payload }) => {
    const already = ledger.attestors.some((a) => a.toLowerCase() === payload.attestor) ? ', which already is one' : '';
    return words(
      null,
      { text: `Register the key ${payload.attestor}${already} as an attestor of this Commons (it vouches that a live person made an enrolment), authorised by ` },
      { party: partyOf(ledger, vault) },
    );
  },
  'member.changeFaction': (ledger, { vault, payload }) => {
    const owner = ledger.vaults.find((v) => v.address.toLowerCase() === vault)?.owner ?? null;
    const member = owner === null ? undefined : ledger.members.find((m) => m.did === owner);
    const who = member ? `Move ${member.label} from the ${member.faction} to the ${payload.faction}` : `Move the owner of this vault, whom this Commons does not know as a member, to the ${payload.faction}`;
    return words(null, { text: `${who}, signed for by ` }, { party: partyOf(ledger, vault) });
  },
  'vault.setThreshold': (ledger, { vault, payload }) => {
    const current = ledger.vaults.find((v) => v.address.toLowerCase() === vault);
    const now = current ? ` (today any ${current.threshold})` : '';
    const of = current ? ` of its ${plural(current.signers.length, 'signer')}` : ' of its signers';
    return words(
      CHANGES_CONTROL(current?.name ?? vault),
      { text: 'Change who controls ' },
      { party: partyOf(ledger, vault) },
      { text: `: any ${payload.threshold}${of} will be needed to sign${now}` },
    );
  },
  'vault.setSigners': (ledger, { vault, payload }) => {
    const current = ledger.vaults.find((v) => v.address.toLowerCase() === vault);
    const before = new Set(current?.signers.map((s) => s.address.toLowerCase()) ?? []);
    const after = new Set(payload.signers.map((s) => s.address));
    const added = payload.signers.map((s) => s.address).filter((a) => !before.has(a));
    const removed = [...before].filter((a) => !after.has(a));
    const changes = [added.length > 0 ? `adds ${keysText(ledger, added)}` : null, removed.length > 0 ? `removes ${keysText(ledger, removed)}` : null].filter((c) => c !== null);
    const today = current ? `; today it is ${controlText(ledger, current.threshold, current.signers)}` : '';
    return words(
      CHANGES_CONTROL(current?.name ?? vault),
      { text: 'Change who controls ' },
      { party: partyOf(ledger, vault) },
      { text: `: ${controlText(ledger, payload.threshold, payload.signers)}${today}${changes.length > 0 ? ` (this ${changes.join(' and ')})` : ''}` },
    );
  },
  'vault.create': (ledger, { vault, payload }) =>
    words(null, { text: `Create a vault named “${payload.name}” (${vault}) for ${memberText(ledger, payload.owner)}, controlled by ${controlText(ledger, payload.threshold, payload.signers)}` }),
  'vault.createCommons': (ledger, { vault, payload }) => {
    const limit = payload.spendLimit ? `, spending at most ${spendLimitText(payload.spendLimit)}` : ', with no spend limit';
    return words(null, { text: `Create a Commons vault named “${payload.name}” (${payload.address}), controlled by ${controlText(ledger, payload.threshold, payload.signers)}${limit}; authorised by ` }, { party: partyOf(ledger, vault) });
  },
  'vault.setSpendLimit': (ledger, { vault, payload }) => {
    const limit = payload.spendLimit ? `to at most ${spendLimitText(payload.spendLimit)} (a spend above it will need a governance vote)` : 'to none: it may spend what it holds';
    return words(null, { text: 'Set the spend limit of ' }, { party: partyOf(ledger, payload.vault) }, { text: ` ${limit}; authorised by ` }, { party: partyOf(ledger, vault) });
  },
  'member.enrol': (ledger, { vault, payload }) => {
    const attestor = ledger.attestors.some((a) => a.toLowerCase() === payload.attestor)
      ? `a registered attestor of this Commons (${payload.attestor})`
      : `${payload.attestor}, which is not an attestor of this Commons`;
    return words(null, {
      text: `Enrol ${payload.label} (${payload.did}) in the ${payload.faction}, with a new vault named “${payload.vault.name}” (${vault}) controlled by ${controlText(ledger, payload.vault.threshold, payload.vault.signers)}; vouched for by ${attestor}`,
    });
  },
  'quest.open': (ledger, { vault, payload }) => {
    const co = payload.coSponsors.length > 0 ? `, co-sponsored by the ${payload.coSponsors.join(' and the ')}` : '';
    return words(
      null,
      { text: `Open quest ${payload.id} (“${payload.title}”), sponsored by the ${payload.sponsor}${co}, escrowing a budget of ${tokens(payload.budget, 'CONX')} from ` },
      { party: partyOf(ledger, vault) },
      { text: `; its offers will be accepted, completed or failed by a new Commons vault “${payload.verifiers.name}” (${payload.verifiers.address}) controlled by ${controlText(ledger, payload.verifiers.threshold, payload.verifiers.signers)}` },
    );
  },
  'offer.post': (ledger, { vault, payload }) =>
    words(
      null,
      { text: `Post offer ${payload.id} in ${questText(ledger, payload.quest)}: “${payload.deliverable}”, for ${tokens(payload.reward.conx, 'CONX')}, ${tokens(payload.reward.ppt, 'PPT')} and ${formatAmount(payload.reward.role, DECIMALS.PPT)} of the member’s role token, by ` },
      { party: partyOf(ledger, vault) },
    ),
  'offer.accept': (ledger, { vault, payload }) => {
    const offer = ledger.offers.find((o) => o.id === payload.offer);
    const reserve = offer ? `, reserving its reward of ${tokens(offer.reward.conx, 'CONX')} in ${questText(ledger, offer.quest)}` : '';
    return words(null, { text: `Accept ${offerText(ledger, payload.offer)}${reserve}, decided by ` }, { party: partyOf(ledger, vault) });
  },
  'offer.submit': (ledger, { vault, payload }) =>
    words(null, { text: `Submit the work of ${offerText(ledger, payload.offer)} to its quest’s verifiers, from ` }, { party: partyOf(ledger, vault) }),
  'offer.complete': (ledger, { vault, payload }) => {
    const offer = ledger.offers.find((o) => o.id === payload.offer);
    const owed = ledger.stakeRequests.filter((r) => r.offer === payload.offer && r.state === 'released').reduce((sum, r) => sum + r.outstanding, 0n);
    const pays = offer
      ? [{ text: `: its reward of ${tokens(offer.reward.conx, 'CONX')} repays its stakers first (${tokens(owed, 'CONX')} outstanding) and the rest goes to ` }, { party: partyOf(ledger, offer.holder) }, { text: `; mints ${mintedText(ledger, payload.offer)}` }]
      : [];
    return words(null, { text: `Mark ${offerText(ledger, payload.offer)} completed` }, ...pays, { text: ', decided by ' }, { party: partyOf(ledger, vault) });
  },
  'offer.fail': (ledger, { vault, payload }) =>
    words(null, { text: `Mark ${offerText(ledger, payload.offer)} failed (“${payload.reason}”): its stakes freeze until the Judicial Loop decides, decided by ` }, { party: partyOf(ledger, vault) }),
  'stake.request': (ledger, { vault, payload }) => {
    const offer = ledger.offers.find((o) => o.id === payload.offer);
    const repaid = offer ? `, to be repaid first from its reward of ${tokens(offer.reward.conx, 'CONX')}` : '';
    return words(null, { text: `Ask for stakes of ${tokens(payload.amount, 'CONX')} on ${offerText(ledger, payload.offer)}${repaid}, for ` }, { party: partyOf(ledger, vault) });
  },
  'stake.give': (ledger, { vault, payload }) => {
    const request = ledger.stakeRequests.find((r) => r.id === payload.request);
    const on = request ? ` on ${offerText(ledger, request.offer)}` : ', a request this Commons does not know';
    return words(
      null,
      { text: `Stake ${tokens(payload.amount, 'CONX')} from ` },
      { party: partyOf(ledger, vault) },
      { text: ` into the escrow of stake request ${payload.request}${on}; repaid from the offer’s reward when it completes, with PMT minted as it is repaid` },
    );
  },
  'stake.release': (ledger, { vault, payload }) => {
    const request = ledger.stakeRequests.find((r) => r.id === payload.request);
    const amount = request ? ` (${tokens(request.escrowed, 'CONX')} staked so far)` : '';
    return words(null, { text: `Release the stakes of request ${payload.request}${amount} to ` }, { party: partyOf(ledger, vault) }, { text: ' as working capital, closing the request' });
  },
  // VELOC (SPEC §4): the amounts as signed, the vaults as the ledger names them.
  'price.attest': (ledger, { vault, payload }) =>
    words(null, { text: `Attest the price of ${payload.asset} at ${tokens(payload.price, 'CONX')} per ${payload.asset} (a jump of more than the Commons’ price-jump limit is held as a pending price before it takes effect), authorised by ` }, { party: partyOf(ledger, vault) }),
  'credit.lock': (ledger, { vault, payload }) =>
    words(null, { text: `Lock ${tokens(payload.amount, 'COMM')} from ` }, { party: partyOf(ledger, vault) }, { text: ' as collateral of its credit line' }),
  'credit.unlock': (ledger, { vault, payload }) =>
    words(null, { text: `Unlock ${tokens(payload.amount, 'COMM')} from the credit line of ` }, { party: partyOf(ledger, vault) }, { text: ', back into the vault' }),
  'credit.pledge': (ledger, { vault, payload }) =>
    words(null, { text: `Pledge ${assetAmount(payload.amount, payload.asset)}, held in the vault’s own ${payload.asset} wallet, as collateral of the credit line of ` }, { party: partyOf(ledger, vault) }),
  'credit.unpledge': (ledger, { vault, payload }) =>
    words(null, { text: `Withdraw ${assetAmount(payload.amount, payload.asset)} of the ${payload.asset} pledged to the credit line of ` }, { party: partyOf(ledger, vault) }),
  'credit.draw': (ledger, { vault, payload }) =>
    words(null, { text: `Draw ${tokens(payload.amount, 'CONX')} on the credit line of ` }, { party: partyOf(ledger, vault) }, { text: ', minted into that vault as debt' }),
  'credit.repay': (ledger, { vault, payload }) =>
    words(
      null,
      { text: `Repay ${tokens(payload.amount, 'CONX')} of the debt of ` },
      { party: partyOf(ledger, vault) },
      { text: ', fees first: the fee part goes to the Commons treasury, the rest is burned' },
    ),
  'credit.setOff': (ledger, { vault, payload }) =>
    words(null, { text: `Set off ${tokens(payload.amount, 'COMM')} locked in the credit line of ` }, { party: partyOf(ledger, vault) }, { text: ' against its debt, fees first (that COMM is burned)' }),
  'credit.setOffByTreasury': (ledger, { vault, payload }) =>
    words(
      null,
      { text: `Set off ${tokens(payload.amount, 'COMM')} locked in the credit line of ` },
      { party: partyOf(ledger, payload.vault) },
      { text: ' against its debt, fees first (that COMM is burned; allowed only while its health is below 1), authorised by ' },
      { party: partyOf(ledger, vault) },
    ),
  'credit.liquidate': (ledger, { vault, payload }) =>
    words(
      null,
      { text: 'Liquidate the credit line of ' },
      { party: partyOf(ledger, payload.vault) },
      { text: ' (its COMM set off first, then its pledged collateral claimed with the liquidation penalty, as SPEC §4 sets out), authorised by ' },
      { party: partyOf(ledger, vault) },
    ),
  'proposal.create': (ledger, { vault, payload }) =>
    words(
      payload.effect.action === 'steward.change' ? CHANGES_CONTROL('the Commons treasury') : null,
      { text: `Propose “${payload.title}” (${payload.kind}, proposal ${payload.id}), voted by ${SCOPE_WORDS(payload.scope)}: once it passes and its timelock is over, anyone may ${effectText(ledger, payload.effect)}; proposed by ` },
      { party: partyOf(ledger, vault) },
    ),
  'proposal.vote': (ledger, { vault, payload }) =>
    words(
      BURN_WARNING,
      { text: `Burn ${tokens(payload.amount, payload.token)} held in ` },
      { party: partyOf(ledger, vault) },
      { text: ` to vote ${payload.support} on ${proposalText(ledger, payload.proposal)}, with a weight of ${formatAmount(payload.amount, DECIMALS[payload.token])}` },
    ),
  'proposal.cancel': (ledger, { vault, payload }) =>
    words(null, { text: `Cancel ${proposalText(ledger, payload.proposal)} before its vote starts, as its author, from ` }, { party: partyOf(ledger, vault) }),
  // C3 DEX (SPEC §10): prices in full CONX per unit, the band from the ledger's parameter.
  'dex.list': (ledger, { vault, payload }) =>
    words(
      null,
      { text: `List the service “${payload.title}” as ${payload.id}, at ${tokens(payload.price, 'CONX')} per ${payload.unit}: that price is the listing’s reference, and every order on it must lie within ${bandText(ledger.dexBandBps)} of it; listed by ` },
      { party: partyOf(ledger, vault) },
    ),
  'dex.delist': (ledger, { vault, payload }) =>
    words(null, { text: `Close ${listingText(ledger, payload.listing)}: its open orders are cancelled and the CONX they hold in escrow goes back to their buyers; closed by ` }, { party: partyOf(ledger, vault) }),
  'dex.order': (ledger, { vault, payload }) => {
    const units = unitsText(ledger, payload.market, payload.quantity);
    const of = listingText(ledger, payload.market);
    return payload.side === 'buy'
      ? words(
          null,
          { text: `Buy ${units} of ${of} at up to ${tokens(payload.price, 'CONX')} each (order ${payload.id}): ${tokens(payload.price * payload.quantity, 'CONX')} move from ` },
          { party: partyOf(ledger, vault) },
          { text: ' into escrow until it fills or is cancelled; it fills against offers at or below that price, at their price, and what it does not spend comes back' },
        )
      : words(
          null,
          { text: `Sell ${units} of ${of} at ${tokens(payload.price, 'CONX')} each or more (order ${payload.id}); the buyers’ CONX is paid into ` },
          { party: partyOf(ledger, vault) },
          { text: ' as it fills' },
        );
  },
  'dex.cancel': (ledger, { vault, payload }) => {
    const order = ledger.dexOrders.find((o) => o.id === payload.order);
    if (!order) return words(null, { text: `Cancel an order this Commons does not know (${payload.order}), from ` }, { party: partyOf(ledger, vault) });
    const filled = order.filled > 0n ? `, ${order.filled.toString()} already filled` : '';
    const returned = order.side === 'buy' ? `; the ${tokens(order.escrowed, 'CONX')} it holds in escrow go back to ` : '; what is left of it leaves the book, from ';
    return words(
      null,
      { text: `Cancel order ${order.id} (${order.side} ${unitsText(ledger, order.market, order.quantity)} of ${listingText(ledger, order.market)} at ${tokens(order.price, 'CONX')} each${filled})${returned}` },
      { party: partyOf(ledger, vault) },
    );
  },
  // Patronage periods (SPEC §9): what the close will do, computed from the ledger and the signed costs.
  'patronage.close': (ledger, { vault, payload }) => words(null, { text: `${patronageCloseText(ledger, payload)}; authorised by ` }, { party: partyOf(ledger, vault) }),
  'patronage.payBill': (ledger, { vault, payload }) => {
    const owner = ledger.vaults.find((v) => v.address.toLowerCase() === vault)?.owner ?? null;
    const due = ledger.patronage.accounts.find((a) => a.member === owner)?.due;
    const of = owner === null ? 'the owner of ' : `${memberText(ledger, owner)}, owing ${due === undefined ? 'nothing' : tokens(due, 'CONX')}, from `;
    return words(null, { text: `Pay ${tokens(payload.amount, 'CONX')} of the patronage bill of ${of}` }, { party: partyOf(ledger, vault) }, { text: ' to the Commons treasury' });
  },
  'patronage.claimRefund': (ledger, { vault, payload }) => {
    const owner = ledger.vaults.find((v) => v.address.toLowerCase() === vault)?.owner ?? null;
    const owed = ledger.patronage.accounts.find((a) => a.member === owner)?.owed;
    const of = owner === null ? 'the owner of this vault' : `${memberText(ledger, owner)} (owed ${owed === undefined ? 'nothing' : tokens(owed, 'CONX')})`;
    return words(null, { text: `Claim ${tokens(payload.amount, 'CONX')} of the patronage refunds the Commons owes ${of}, paid from the Commons treasury into ` }, { party: partyOf(ledger, vault) });
  },
  // Judicial Loop (SPEC §8): the dispute as the ledger knows it, the resolution in full.
  'dispute.open': (ledger, { vault, payload }) =>
    words(
      null,
      { text: `Open dispute ${payload.id} on ${subjectText(ledger, payload.subject)}, claiming ${tokens(payload.amount, 'CONX')} (“${payload.claim}”): its escrows freeze and a mediator panel is drawn, opened by ` },
      { party: partyOf(ledger, vault) },
    ),
  'dispute.propose': (ledger, { vault, payload }) =>
    words(null, { text: `Propose for ${disputeText(ledger, payload.dispute)}: ${resolutionText(payload.resolution)} (“${payload.resolution.note}”), decided by ` }, { party: partyOf(ledger, vault) }),
  'dispute.accept': (ledger, { vault, payload }) => {
    const dispute = ledger.disputes.find((d) => d.id === payload.dispute);
    if (dispute?.stage === 'appeal') {
      const ruling = dispute.ruling?.outcome === 'upheld' && dispute.ruling.resolution ? `upheld: ${resolutionText(dispute.ruling.resolution)}` : 'dismissing the claim';
      return words(null, { text: `Accept the ruling of ${disputeText(ledger, payload.dispute)} (${ruling}), waiving the appeal; once every party has, it executes, for ` }, { party: partyOf(ledger, vault) });
    }
    const what = dispute?.resolution ? `: ${resolutionText(dispute.resolution)}` : '';
    return words(null, { text: `Accept the resolution of ${disputeText(ledger, payload.dispute)}${what}, for ` }, { party: partyOf(ledger, vault) });
  },
  'dispute.reject': (ledger, { vault, payload }) =>
    words(null, { text: `Reject the resolution of ${disputeText(ledger, payload.dispute)} (“${payload.reason}”), sending it to a vote of the members not party to it, for ` }, { party: partyOf(ledger, vault) }),
  'dispute.vote': (ledger, { vault, payload }) =>
    words(null, { text: `Vote ${payload.support} the resolution of ${disputeText(ledger, payload.dispute)} (one member, one vote; the vote is signed and public), for ` }, { party: partyOf(ledger, vault) }),
  'dispute.appeal': (ledger, { vault, payload }) =>
    words(null, { text: `Appeal the ruling of ${disputeText(ledger, payload.dispute)} (“${payload.reason}”): a new panel mediates again, for ` }, { party: partyOf(ledger, vault) }),
  'dispute.pay': (ledger, { vault, payload }) =>
    words(null, { text: `Pay ${tokens(payload.amount, 'CONX')} from ` }, { party: partyOf(ledger, vault) }, { text: ` towards the repayment schedule of ${disputeText(ledger, payload.dispute)}, to its creditors pro rata` }),
};

export function describeAction(ledger: LedgerNames, action: SignedAction): ActionWords {
  const describe = DESCRIBERS[action.kind] as Describer<typeof action.kind>;
  return describe(ledger, action);
}
