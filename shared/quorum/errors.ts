/**
 * What can be wrong with a signing request itself (as opposed to the ledger rule its action would
 * break, which is a CommonsError): each kind with its numbers and its sentence, a mapped type so
 * that no kind exists without its words. Each sentence says what is wrong with the request, not
 * with the ledger or its stewards.
 */
type P<K extends string, Extra = object> = { readonly kind: K; readonly message: string } & Extra;

export type RequestProblem =
  | P<'VaultNotInLedger', { vault: string }>
  | P<'VaultAlreadyExists', { vault: string }>
  | P<'MemberKeyUnknown', { did: string }>
  /** The request is signed under another Commons' domain than the ledger it is checked against. */
  | P<'OtherCommons', { ours: string; theirs: string }>
  | P<'DifferentCommons', { ours: string; theirs: string }>
  /** Two copies of a request that do not ask for the same action; `field` names the first difference. */
  | P<'DifferentAction', { field: string; ours: string; theirs: string }>
  /** Read from QR codes (ur.ts): what a frame or the assembled frames can be refused for. */
  | P<'QrNotUr'>
  | P<'QrWrongType', { type: string }>
  | P<'QrPartTooLong', { chars: number; max: number }>
  | P<'QrMalformed', { reason: string }>
  | P<'QrTooLarge', { bytes: number; max: number }>
  | P<'QrTooManyParts', { parts: number; max: number }>
  /** A frame of another message than the one being assembled (another request, or another copy of it). */
  | P<'QrOtherMessage', { fragments: number; assembling: number }>
  | P<'QrChecksum'>
  | P<'QrNotARequest', { reason: string }>
  /** A request put into (or merged into a request of) one vault's inbox that is another vault's. */
  | P<'OtherVault', { inbox: string; theirs: string }>
  /** The vault's action number went to another action: nobody signs this one any more. */
  | P<'RequestSuperseded', { vault: string; nonce: number; seq: number | null }>
  /** The ledger executed this very action: nothing more to sign. */
  | P<'RequestExecuted', { seq: number }>
  /** The ledger's time passed the request's validUntil: nobody signs it any more. */
  | P<'RequestExpired', { validUntil: number; ledgerTime: number }>;

export type RequestProblemKind = RequestProblem['kind'];
type Extra<K extends RequestProblemKind> = Omit<Extract<RequestProblem, { kind: K }>, 'kind' | 'message'>;

const WORDS: { [K in RequestProblemKind]: (e: Extra<K>) => string } = {
  VaultNotInLedger: (e) => `The request is for vault ${e.vault}, which this Commons' verified ledger does not hold, so nobody can sign for it.`,
  VaultAlreadyExists: (e) => `The request creates vault ${e.vault}, but the ledger already holds a vault at that address.`,
  MemberKeyUnknown: (e) => `The request speaks for ${e.did}, whose own key cannot be told from that DID, so it could never be signed for them.`,
  OtherCommons: (e) => `The request is for the Commons with id ${e.theirs}, not this one (id ${e.ours}): a signature over it counts only in that Commons.`,
  DifferentCommons: (e) => `The two copies are for different Commons (ids ${e.ours} and ${e.theirs}); they are not the same request, so their signatures cannot be merged.`,
  DifferentAction: (e) => `The two copies ask for different actions: their ${e.field} is ${e.ours} in one and ${e.theirs} in the other. They are not the same request, so their signatures cannot be merged.`,
  QrNotUr: () => 'The QR code is not part of a signing request (it does not start with "UR:").',
  QrWrongType: (e) => `The QR code carries a "${e.type}", not the bytes of a signing request.`,
  QrPartTooLong: (e) => `The QR code carries ${e.chars} characters, more than any QR code can (${e.max}): it is refused.`,
  QrMalformed: (e) => `The QR code is damaged or was not made by a signing app: ${e.reason}.`,
  QrTooLarge: (e) => `The QR codes announce a message of ${e.bytes} bytes, more than a signing request may be (${e.max} bytes): they are refused.`,
  QrTooManyParts: (e) => `The QR codes run to ${e.parts} parts, more than a signing request may take (${e.max}): they are refused.`,
  QrOtherMessage: (e) => `This QR code belongs to another message (cut into ${e.fragments} parts) than the one being read (cut into ${e.assembling}): it was left out. Scan one request at a time, or start again.`,
  QrChecksum: () => 'The QR codes read do not add up to the message they announce (its checksum fails): start the scan again.',
  QrNotARequest: (e) => `The QR codes were read, but they do not carry a signing request: ${e.reason}`,
  OtherVault: (e) => `The request is for vault ${e.theirs}, not ${e.inbox}, whose requests these are: it was not added here, and no signature of it was merged.`,
  RequestSuperseded: (e) =>
    `The vault ${e.vault} already spent its action number ${e.nonce} on another action${e.seq === null ? '' : ` (entry ${e.seq})`}: this request can never execute, so it is not offered for signing.`,
  RequestExecuted: (e) => `The ledger executed this very action in entry ${e.seq}: nothing more needs signing.`,
  RequestExpired: (e) => `The request was valid until ${new Date(e.validUntil * 1000).toISOString()} and the ledger's time is ${new Date(e.ledgerTime * 1000).toISOString()}: the ledger refuses it, so it is not offered for signing.`,
};

export function requestProblem<K extends RequestProblemKind>(kind: K, extra: Extra<K>): Extract<RequestProblem, { kind: K }> {
  const words = WORDS[kind] as (e: Extra<K>) => string;
  return { kind, message: words(extra), ...extra } as unknown as Extract<RequestProblem, { kind: K }>;
}
