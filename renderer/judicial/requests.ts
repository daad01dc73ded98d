/**
 * The dispute page's signing requests (SPEC §8), drafted from what the member typed: each answers
 * with the request or what is wrong with the input in words; the ledger's own rules are the
 * pre-flight's (renderer/sign/), never guessed here.
 */
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type PayloadOf } from '../../shared/commons/log';
import { type SigningRequest, unsignedRequest } from '../../shared/quorum/request';
import { type Result, err, ok } from '../../shared/result';
import { amountOf } from '../impact/requests';

type Commons = Pick<CommonsView, 'commonsId'>;
type ResolutionPayload = PayloadOf<'dispute.propose'>['resolution'];
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function disputeOpenRequest(commons: Commons, vault: VaultView, draft: { id: string; kind: 'offer' | 'stake' | 'collateral'; subject: string; claim: string; amount: string }, validUntil: number): Result<SigningRequest, string> {
  const id = draft.id.trim();
  if (!ID.test(id)) return err(`The dispute id is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit (“${id}” is not).`);
  if (!draft.subject) return err('Choose the offer or stake the dispute is about.');
  if (!draft.claim.trim()) return err('Say what the claim is: it goes into the ledger, for the panel to read.');
  const amount = amountOf(draft.amount, 'amount claimed', { allowZero: true });
  if (!amount.ok) return amount;
  return ok(unsignedRequest(commons, vault, 'dispute.open', { id, subject: { kind: draft.kind, id: draft.subject }, claim: draft.claim.trim(), amount: amount.value }, validUntil));
}

export interface ResolutionDraft {
  readonly kind: ResolutionPayload['kind'];
  readonly note: string;
  /** completeWithAdjustments. */
  readonly conx: string;
  readonly ppt: string;
  readonly role: string;
  /** repaymentSchedule: one line per instalment, "YYYY-MM-DD amount". */
  readonly instalments: string;
  /** sharedLoss. */
  readonly loss: string;
  readonly sharedPercent: string;
}

function instalmentsOf(text: string): Result<{ dueAt: number; amount: bigint }[], string> {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) return err('Give at least one instalment, one per line: a date (YYYY-MM-DD) and an amount in CONX.');
  const out: { dueAt: number; amount: bigint }[] = [];
  for (const line of lines) {
    const [date, amountText] = line.split(/\s+/, 2);
    const dueAt = Date.parse(`${date}T12:00:00Z`);
    if (!date || Number.isNaN(dueAt)) return err(`“${line}”: an instalment starts with its date, YYYY-MM-DD.`);
    const amount = amountOf(amountText ?? '', `instalment of ${date}`);
    if (!amount.ok) return amount;
    out.push({ dueAt: Math.floor(dueAt / 1000), amount: amount.value });
  }
  return ok(out);
}

export function resolutionOf(draft: ResolutionDraft): Result<ResolutionPayload, string> {
  const note = draft.note.trim();
  if (!note) return err('Explain the resolution in a few words: the parties and the community read them.');
  switch (draft.kind) {
    case 'completeWithAdjustments': {
      const conx = amountOf(draft.conx, 'adjusted CONX reward', { allowZero: true });
      if (!conx.ok) return conx;
      const ppt = amountOf(draft.ppt, 'adjusted PPT reward', { allowZero: true });
      if (!ppt.ok) return ppt;
      const role = amountOf(draft.role, 'adjusted role-token reward', { allowZero: true });
      if (!role.ok) return role;
      return ok({ kind: 'completeWithAdjustments', reward: { conx: conx.value, ppt: ppt.value, role: role.value }, note });
    }
    case 'repaymentSchedule': {
      const instalments = instalmentsOf(draft.instalments);
      return instalments.ok ? ok({ kind: 'repaymentSchedule', instalments: instalments.value, note }) : instalments;
    }
    case 'sharedLoss': {
      const loss = amountOf(draft.loss, 'loss', { allowZero: true });
      if (!loss.ok) return loss;
      const percent = Number(draft.sharedPercent.trim() === '' ? '0' : draft.sharedPercent);
      if (!Number.isFinite(percent) || percent < 0 || percent > 100) return err('The share moved into Commons loss sharing is a percentage from 0 to 100.');
      return ok({ kind: 'sharedLoss', loss: loss.value, sharedBps: Math.round(percent * 100), note });
    }
  }
}

/** The panel's proposal, signed by the panel's Commons vault (a majority of the panelists). */
export function proposeRequest(commons: Commons, panel: VaultView, dispute: string, draft: ResolutionDraft, validUntil: number): Result<SigningRequest, string> {
  const resolution = resolutionOf(draft);
  return resolution.ok ? ok(unsignedRequest(commons, panel, 'dispute.propose', { dispute, resolution: resolution.value }, validUntil)) : resolution;
}

export const acceptRequest = (commons: Commons, vault: VaultView, dispute: string, validUntil: number): SigningRequest => unsignedRequest(commons, vault, 'dispute.accept', { dispute }, validUntil);

export function reasonRequest(commons: Commons, vault: VaultView, kind: 'dispute.reject' | 'dispute.appeal', dispute: string, reason: string, validUntil: number): Result<SigningRequest, string> {
  if (!reason.trim()) return err(kind === 'dispute.reject' ? 'Say why you reject the resolution: the community reads it before voting.' : 'Say why you appeal: the new panel reads it.');
  return ok(unsignedRequest(commons, vault, kind, { dispute, reason: reason.trim() }, validUntil));
}

export const voteRequest = (commons: Commons, vault: VaultView, dispute: string, support: 'for' | 'against', validUntil: number): SigningRequest =>
  unsignedRequest(commons, vault, 'dispute.vote', { dispute, support }, validUntil);

export function payRequest(commons: Commons, vault: VaultView, dispute: string, amountText: string, validUntil: number): Result<SigningRequest, string> {
  const amount = amountOf(amountText, 'instalment');
  return amount.ok ? ok(unsignedRequest(commons, vault, 'dispute.pay', { dispute, amount: amount.value }, validUntil)) : amount;
}
