/**
 * The words a co-signer reads before approving (SPEC §3), derived from the verified ledger and the
 * signed action only. A request file may carry names of its own (format 1 did: "toName"); they
 * are never shown, since nobody signed them: a file labelled "to Commons treasury" whose signed
 * recipient is another member's vault must read as that vault. Every vault is named by what the
 * ledger calls it, with its owner and its full address; an address the ledger does not know is
 * said to be unknown.
 */
import { type CommonsView } from '../contract/commons-view';
import { DECIMALS, formatAmount } from '../money';
import { type RequestKind, type SignedAction } from './action';

/** What the words need of the verified ledger (the dashboard's CommonsView has it). */
export type LedgerNames = Pick<CommonsView, 'vaults' | 'members'>;

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
}

export function partyOf(ledger: LedgerNames, address: string): Party {
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

const words = (...parts: WordPart[]): ActionWords => ({
  parts,
  text: parts.map((part) => ('party' in part ? partyText(part.party) : part.text)).join(''),
});

type Describer<K extends RequestKind> = (ledger: LedgerNames, action: SignedAction<K>) => ActionWords;

/** One row per kind a request can carry: adding a kind to REQUEST_KINDS without its words fails to compile. */
const DESCRIBERS: { readonly [K in RequestKind]: Describer<K> } = {
  'token.transfer': (ledger, { vault, payload }) =>
    words(
      { text: `Send ${formatAmount(payload.amount, DECIMALS[payload.token])} ${payload.token} from ` },
      { party: partyOf(ledger, vault) },
      { text: ' to ' },
      { party: partyOf(ledger, payload.to) },
    ),
};

export function describeAction(ledger: LedgerNames, action: SignedAction): ActionWords {
  const describe = DESCRIBERS[action.kind] as Describer<typeof action.kind>;
  return describe(ledger, action);
}
