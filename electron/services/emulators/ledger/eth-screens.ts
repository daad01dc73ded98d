/**
 * The Ethereum app's screens on a Nano, step by step, with the texts of app-ethereum 1.13.0's
 * BAGL flows (src_bagl/ui_flow*.c): the home menu and settings, address verification, personal
 * message, EIP-712 (by hashes and field by field), transactions, and the blind-signing error.
 * Checked against the app's own Nano S Plus snapshots (tests/ragger/snapshots/nanosp).
 */
import { type Flow, type Step } from './screens';

/** The Ethereum app's settings, kept in its NVM (N_storage) and shown in its Settings menu. */
export interface EthereumSettings {
  /** "Blind signing": contract data and messages the app cannot show field by field. Off on a fresh app. */
  blindSigning: boolean;
  /** "Raw messages" (verbose EIP-712): every field of an unfiltered EIP-712 message is shown. */
  verboseEip712: boolean;
  /** "Nonce": the transaction's nonce is shown. */
  displayNonce: boolean;
  /** "Debug contracts": the selector and each parameter of contract data are shown. */
  debugData: boolean;
}

export const FRESH_ETHEREUM_SETTINGS: EthereumSettings = { blindSigning: false, verboseEip712: false, displayNonce: false, debugData: false };

/** A review as the app builds it: its steps (ending in its approve and reject steps) and a summary. */
export interface Review {
  readonly steps: readonly Step[];
  /** One line per information step, for the app's own prompt view and the emulator's log. */
  readonly summary: readonly string[];
}

const state = (on: boolean): string => (on ? 'Enabled' : 'Disabled');

export function homeFlow(version: string): Flow {
  return {
    loop: true,
    steps: [
      { layout: 'nn', texts: ['Application', 'is ready'] },
      { layout: 'bn', texts: ['Version', version] },
      { layout: 'pb', icon: 'eye', texts: ['Settings'], onBoth: 'settings' },
      { layout: 'pb', icon: 'dashboard', texts: ['Quit'], onBoth: 'quit' },
    ],
  };
}

export function settingsFlow(s: EthereumSettings): Flow {
  return {
    loop: false,
    steps: [
      { layout: 'bnnn', texts: ['Blind signing', 'Enables transaction', 'blind signing', state(s.blindSigning)], onBoth: 'toggle-blind-signing' },
      { layout: 'bnnn', texts: ['Nonce', 'Displays nonce', 'in transactions', state(s.displayNonce)], onBoth: 'toggle-nonce' },
      { layout: 'bnnn', texts: ['Raw messages', 'Displays raw content', 'from EIP712 messages', state(s.verboseEip712)], onBoth: 'toggle-verbose-eip712' },
      { layout: 'bnnn', texts: ['Debug contracts', 'Displays contract', 'data details', state(s.debugData)], onBoth: 'toggle-debug-data' },
      { layout: 'pb', icon: 'back', texts: ['Back'], onBoth: 'home' },
    ],
  };
}

/** ux_error_blind_signing_flow: both buttons go back to the home menu. */
export function blindSigningErrorFlow(): Flow {
  return { loop: false, steps: [{ layout: 'pnn', icon: 'crossmark', texts: ['Blind signing must be', 'enabled in Settings'], onBoth: 'home' }] };
}

const BLIND_WARNING: Step = { layout: 'pbb', icon: 'warning', texts: ['Blind', 'signing'] };
const APPROVE: Step = { layout: 'pb', icon: 'validate', texts: ['Approve'], onBoth: 'approve' };
const REJECT: Step = { layout: 'pb', icon: 'crossmark', texts: ['Reject'], onBoth: 'reject' };

const paging = (title: string, value: string): Step => ({ layout: 'paging', texts: [title, value] });

/** ux_display_public_flow. */
export function verifyAddressReview(address: string): Review {
  return {
    steps: [{ layout: 'pnn', icon: 'eye', texts: ['Verify', 'address'] }, paging('Address', address), APPROVE, REJECT],
    summary: ['Verify address', address],
  };
}

/** ux_191_flow (EIP-191 personal message). */
export function personalMessageReview(message: string): Review {
  return {
    steps: [
      { layout: 'pnn', icon: 'certificate', texts: ['Review', 'message'] },
      paging('Message', message),
      { layout: 'pbb', icon: 'validate', texts: ['Sign', 'message'], onBoth: 'approve' },
      { layout: 'pbb', icon: 'crossmark', texts: ['Cancel', 'signature'], onBoth: 'reject' },
    ],
    summary: ['Review message', message],
  };
}

/** ux_sign_712_v0_flow: the domain and message hashes only, always behind the blind-signing warning. */
export function typedDataHashesReview(domainHash: string, messageHash: string): Review {
  return {
    steps: [
      BLIND_WARNING,
      { layout: 'pnn', icon: 'certificate', texts: ['Review', 'typed message'] },
      paging('Domain hash', domainHash),
      paging('Message hash', messageHash),
      { layout: 'pbb', icon: 'validate', texts: ['Accept risk', 'and sign'], onBoth: 'approve' },
      { layout: 'pbb', icon: 'crossmark', texts: ['Cancel', 'signature'], onBoth: 'reject' },
    ],
    summary: ['Review typed message (hashes only)', `Domain hash ${domainHash}`, `Message hash ${messageHash}`],
  };
}

/**
 * ux_712_flow_unfiltered: a message without Ledger-signed filters. On a Nano the app shows the
 * domain's fields and then the message hash; with "Raw messages" on, every field of the message
 * ("Review struct" before each struct).
 */
export function typedDataFieldsReview(fields: readonly { title: string; value: string }[]): Review {
  return {
    steps: [
      BLIND_WARNING,
      { layout: 'pnn', icon: 'eye', texts: ['Review', 'typed message'] },
      ...fields.map((f) => paging(f.title, f.value)),
      { layout: 'pbb', icon: 'validate', texts: ['Accept risk', 'and sign'], onBoth: 'approve' },
      REJECT,
    ],
    summary: ['Review typed message', ...fields.map((f) => `${f.title}: ${f.value}`)],
  };
}

export interface TransactionView {
  readonly from: string;
  readonly amount: string;
  readonly to: string;
  readonly nonce?: string;
  readonly network?: string;
  readonly maxFees: string;
  readonly blind: boolean;
}

/** ux_approve_tx (no plugin): From, Amount, To, [Nonce], [Network], Max Fees, accept, reject. */
export function transactionReview(tx: TransactionView): Review {
  const info: Step[] = [paging('From', tx.from), paging('Amount', tx.amount), paging('To', tx.to)];
  if (tx.nonce !== undefined) info.push(paging('Nonce', tx.nonce));
  if (tx.network !== undefined) info.push(paging('Network', tx.network));
  info.push(paging('Max Fees', tx.maxFees));
  return {
    steps: [
      ...(tx.blind ? [BLIND_WARNING] : []),
      { layout: 'pnn', icon: 'eye', texts: ['Review', 'transaction'] },
      ...info,
      { layout: 'pbb', icon: 'validate', texts: [tx.blind ? 'Accept risk' : 'Accept', 'and send'], onBoth: 'approve' },
      REJECT,
    ],
    summary: ['Review transaction', ...info.map((s) => `${s.texts[0] ?? ''}: ${s.texts[1] ?? ''}`)],
  };
}

/** A review for the apps whose screens we do not model step by step (Bitcoin, Cardano). */
export function genericReview(lines: readonly string[]): Review {
  const [head = 'Review', ...rest] = lines;
  return {
    steps: [{ layout: 'pnn', icon: 'eye', texts: [head] }, ...rest.map((line) => paging(head, line)), APPROVE, REJECT],
    summary: lines,
  };
}
