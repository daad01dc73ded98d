/**
 * Errors the screens find themselves (no service answered them): a device that answered with
 * another key, an enrolment the ledger would refuse, a name left empty. Each kind with its words.
 */
import { type WordsFor, withNext } from './words';

type F<K extends string, Extra = object> = { readonly kind: K; readonly message: string; readonly nextStep?: string } & Extra;

export type FlowError =
  | F<'AttestationInvalid'>
  | F<'NameMissing'>
  | F<'EnrolmentWouldBeRefused'>
  | F<'SignatureNotFromSigner'>
  | F<'AddressMismatch'>
  | F<'KeyNotOnDevice'>
  | F<'NoSequencer'>
  /** The action could not be checked against the ledger before signing (main did not answer the pre-flight). */
  | F<'NotChecked'>
  /** A file opened as a signing request that is not one (its parser's words in `message`). */
  | F<'RequestFileUnreadable'>
  /** A replay from genesis of the log stored here broke a rule at `seq`: the copy on this machine, not the Commons. */
  | F<'StoredLogDoesNotVerify', { readonly seq: number; readonly rule: string }>;

/** A request file that did not parse, as an error with its words. */
export const requestFileUnreadable = (problem: string): FlowError => ({ kind: 'RequestFileUnreadable', message: problem });

export const flowWords: WordsFor<FlowError> = {
  AttestationInvalid: (e) => withNext('The attestor’s signature is not over this enrolment', e.message, e.nextStep),
  NameMissing: (e) => withNext('Your name is missing', e.message, e.nextStep),
  EnrolmentWouldBeRefused: (e) => withNext('The ledger would refuse this enrolment, so no device was asked to sign it', e.message, e.nextStep),
  SignatureNotFromSigner: (e) => withNext('The signature is not from this signer’s key', e.message, e.nextStep),
  AddressMismatch: (e) => withNext('The device does not hold this signer’s key', e.message, e.nextStep),
  KeyNotOnDevice: (e) => withNext('This device does not hold the key', e.message, e.nextStep),
  NoSequencer: (e) => withNext('Not possible in this build yet', e.message, e.nextStep),
  StoredLogDoesNotVerify: (e) =>
    withNext(
      'The copy of the log stored on this machine does not verify',
      e.message,
      'It verified when it was stored, so it changed on this machine since (or this version of C3 Vault reads it differently). Import the Commons’ ledger file again to store a verified copy.',
    ),
  RequestFileUnreadable: (e) => withNext('This file is not a signing request C3 Vault can read', e.message, e.nextStep ?? 'Ask the co-signer for the request file again.'),
  NotChecked: (e) => withNext('This action could not be checked against the ledger, so no device was asked to sign it', e.message, e.nextStep),
};
