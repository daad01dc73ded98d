/**
 * What can be wrong with a signing request itself (shared/quorum/errors.ts writes each kind's
 * sentence): the request's problem, said as such, not the ledger's or its stewards'.
 */
import { type RequestProblem } from '../../../shared/quorum/errors';
import { type WordsFor } from './words';

export const requestWords: WordsFor<RequestProblem> = {
  VaultNotInLedger: (e) => ({ title: 'Nobody can sign this request', detail: e.message, next: 'Check that the request is for a vault of this Commons, or start a new one.' }),
  VaultAlreadyExists: (e) => ({ title: 'This vault exists already', detail: e.message, next: 'Start a new request with another vault.' }),
  MemberKeyUnknown: (e) => ({ title: 'This request can never be signed for its member', detail: e.message }),
  OtherCommons: (e) => ({ title: 'This request is for another Commons', detail: e.message, next: 'Open it in the Commons it was made for.' }),
  DifferentCommons: (e) => ({ title: 'These are not copies of the same request', detail: e.message }),
  DifferentAction: (e) => ({ title: 'These are not copies of the same request', detail: e.message, next: 'Nothing was merged; your copy is unchanged.' }),
  QrNotUr: (e) => ({ title: 'This QR code is not a signing request', detail: e.message, next: 'Show the signing request’s QR code from the co-signer’s app.' }),
  QrWrongType: (e) => ({ title: 'This QR code is not a signing request', detail: e.message }),
  QrPartTooLong: (e) => ({ title: 'This QR code is refused', detail: e.message }),
  QrMalformed: (e) => ({ title: 'This QR code could not be read', detail: e.message, next: 'Keep scanning: the next frames may read.' }),
  QrTooLarge: (e) => ({ title: 'These QR codes are refused', detail: e.message }),
  QrTooManyParts: (e) => ({ title: 'These QR codes are refused', detail: e.message }),
  QrOtherMessage: (e) => ({ title: 'A QR code of another request was left out', detail: e.message, next: 'What was read so far is kept.' }),
  QrChecksum: (e) => ({ title: 'The QR codes do not add up', detail: e.message }),
  QrNotARequest: (e) => ({ title: 'The QR codes do not carry a signing request', detail: e.message }),
  OtherVault: (e) => ({ title: 'This request is for another vault', detail: e.message, next: 'Open it in the inbox of the vault it names.' }),
  RequestSuperseded: (e) => ({ title: 'This request was superseded', detail: e.message, next: 'Start a new request if it is still wanted.' }),
  RequestExecuted: (e) => ({ title: 'This request was executed', detail: e.message }),
  RequestExpired: (e) => ({ title: 'This request expired', detail: e.message, next: 'Start a new request if it is still wanted.' }),
};
