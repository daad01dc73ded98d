/**
 * The wire primitives of the log format, version 1 (docs/ledger-format.md): addresses, hashes,
 * signatures, field elements, and the shape every action shares. Modules build their payload
 * schemas from these; `log.ts` composes the actions of every registered module into one union.
 */
import { z } from 'zod';
import { ParamsV1, ParamsV2 } from './params/schema';
import { ZkKeyHashes } from './zk-keys';

/**
 * The log format's version a new Commons is written in (docs/ledger-format.md). A Commons keeps the
 * version of its genesis entry for life: every later entry carries the same one, and the rules that
 * changed between versions follow it (version 2: role tokens are minted only by completed Impact
 * Offers and M2M repayments, SPEC §2, §5, §6). Older versions are still read and verified.
 */
export const LOG_VERSION = 2 as const;
/** Every version this app reads. */
export const LOG_VERSIONS = [1, 2] as const;
export type LogVersion = (typeof LOG_VERSIONS)[number];

export const Address = z.string().regex(/^0x[0-9a-f]{40}$/, 'a lower-case 20-byte hex address');
export const Hash = z.string().regex(/^0x[0-9a-f]{64}$/, 'a lower-case 32-byte hex value') as z.ZodType<`0x${string}`>;
export const SignatureHex = z.string().regex(/^0x[0-9a-f]{130}$/, 'a 65-byte signature r‖s‖v in lower-case hex');
export const Uint64 = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const Field = z.string().regex(/^(0|[1-9][0-9]*)$/, 'a field element as a decimal string');

export const SignerSpec = z.strictObject({
  address: Address,
  device: z.enum(['ledger', 'trezor', 'unknown']),
  label: z.string().max(100),
  path: z.string().max(100),
});

export const Signature = z.strictObject({ signer: Address, sig: SignatureHex });
export type Signature = z.output<typeof Signature>;

export const Groth16Proof = z.strictObject({
  pi_a: z.tuple([Field, Field, Field]),
  pi_b: z.tuple([z.tuple([Field, Field]), z.tuple([Field, Field]), z.tuple([Field, Field])]),
  pi_c: z.tuple([Field, Field, Field]),
  protocol: z.literal('groth16'),
  curve: z.literal('bn128'),
});

/** What a new vault states about itself (treasury at genesis, a member's vault). */
export const VaultSetup = {
  name: z.string().min(1).max(100),
  signers: z.array(SignerSpec).min(1).max(15),
  threshold: z.number().int(),
  /** Makes the vault's address unique per owner (see deriveVaultAddress). */
  salt: z.string().max(100),
};

/**
 * Entry 0's one action, `commons.genesis`: the Commons' name, its treasury, its first attestors
 * and its parameters. The Commons id is the hash of this payload, so its schema never changes:
 * parameters a later version adds are not set here (params/defaults.ts).
 */
const GenesisCommon = {
  name: z.string().min(1).max(100),
  salt: z.string().max(100),
  treasury: z.strictObject({ address: Address, ...VaultSetup }),
  attestors: z.array(Address),
};
/**
 * The genesis payload. From version 2 on it states its log format's version: it is part of the
 * payload, so the Commons id — the EIP-712 salt every signature covers — binds it, and a log
 * cannot be passed off under another version's rules without breaking every signature. Version 1's
 * payload is frozen (its hash is the Commons id of every version 1 log).
 */
export const GenesisPayload = z.union([
  z.strictObject({ ...GenesisCommon, params: ParamsV1 }),
  z.strictObject({
    ...GenesisCommon,
    params: ParamsV2,
    logVersion: z.literal(2),
    /** The verification keys the Commons' proofs are made under (zk-keys.ts); absent in logs written before they were stated. */
    zkKeys: ZkKeyHashes.optional(),
  }),
]);
export type GenesisPayload = z.output<typeof GenesisPayload>;

/** The envelope of every action: a vault, its nonce, an expiry, a payload and the quorum's signatures (SPEC §3). */
export const actionSchema = <K extends string, P extends z.ZodType>(kind: K, payload: P) =>
  z.strictObject({
    kind: z.literal(kind),
    vault: Address,
    nonce: Uint64,
    validUntil: Uint64,
    payload,
    sigs: z.array(Signature).max(15),
  });

/** An action of kind `K` with a payload read by schema `P`, as the ledger holds it (amounts as bigint). */
export interface ActionWith<K extends string, P extends z.ZodType> {
  kind: K;
  vault: string;
  nonce: number;
  validUntil: number;
  payload: z.output<P>;
  sigs: Signature[];
}

/** The same action as written in the log (amounts as decimal strings). */
export interface WireActionWith<K extends string, P extends z.ZodType> {
  kind: K;
  vault: string;
  nonce: number;
  validUntil: number;
  payload: z.input<P>;
  sigs: z.input<typeof Signature>[];
}
