/**
 * The log format, version 1 (docs/ledger-format.md): one entry per line (JSON Lines), amounts as
 * decimal strings, addresses and signatures as lower-case hex. These zod schemas decode a line into
 * the typed entry the ledger applies, and encode it back byte for byte in canonical form.
 */
import { z } from 'zod';
import { COMMONS_TOKENS, NonNegativeAmount } from '../money';
import { canonicalJson } from '../crypto/canonical';
import { Params } from './params';
import { FACTIONS } from './state';

export const LOG_VERSION = 1;

export const Address = z.string().regex(/^0x[0-9a-f]{40}$/, 'a lower-case 20-byte hex address');
export const Hash = z.string().regex(/^0x[0-9a-f]{64}$/, 'a lower-case 32-byte hex value') as z.ZodType<`0x${string}`>;
export const SignatureHex = z.string().regex(/^0x[0-9a-f]{130}$/, 'a 65-byte signature r‖s‖v in lower-case hex');
const Uint64 = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const Field = z.string().regex(/^(0|[1-9][0-9]*)$/, 'a field element as a decimal string');
const Token = z.enum(COMMONS_TOKENS);
const Faction = z.enum(FACTIONS);
const PositiveAmount = NonNegativeAmount;

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

const VaultSetup = {
  name: z.string().min(1).max(100),
  signers: z.array(SignerSpec).min(1).max(15),
  threshold: z.number().int(),
  /** Makes the vault's address unique per owner (see deriveVaultAddress). */
  salt: z.string().max(100),
};

export const Payloads = {
  'commons.genesis': z.strictObject({
    name: z.string().min(1).max(100),
    salt: z.string().max(100),
    treasury: z.strictObject({ address: Address, ...VaultSetup }),
    attestors: z.array(Address),
    params: Params,
  }),
  'member.enrol': z.strictObject({
    did: z.string(),
    label: z.string().max(100),
    faction: Faction,
    commitment: Field,
    nullifier: Field,
    publicSignals: z.array(Field),
    proof: Groth16Proof,
    attestor: Address,
    attestorSig: SignatureHex,
    vault: z.strictObject(VaultSetup),
  }),
  'member.changeFaction': z.strictObject({ faction: Faction }),
  'attestor.register': z.strictObject({ attestor: Address }),
  'vault.create': z.strictObject({ owner: z.string(), ...VaultSetup }),
  'vault.setSigners': z.strictObject({ signers: z.array(SignerSpec).min(1).max(15), threshold: z.number().int() }),
  'vault.setThreshold': z.strictObject({ threshold: z.number().int() }),
  'token.mint': z.strictObject({ token: Token, to: Address, amount: PositiveAmount }),
  'token.transfer': z.strictObject({ token: Token, to: Address, amount: PositiveAmount }),
  'token.burnToComm': z.strictObject({ amount: PositiveAmount }),
  'token.burnToConx': z.strictObject({ amount: PositiveAmount }),
  /**
   * An anonymous ballot (SPEC §7): no vault signs it (that would name the voter); a membership
   * proof over the member tree does, with the proposal as scope and the choice as the bound message.
   */
  'ballot.anonymous': z.strictObject({
    proposal: Hash,
    choice: z.enum(['yes', 'no', 'abstain']),
    root: Field,
    nullifier: Field,
    publicSignals: z.array(Field),
    proof: Groth16Proof,
  }),
} as const;

export type ActionKind = keyof typeof Payloads;
export type PayloadOf<K extends ActionKind> = z.output<(typeof Payloads)[K]>;

const actionSchema = <K extends ActionKind>(kind: K) =>
  z.strictObject({
    kind: z.literal(kind),
    vault: Address,
    nonce: Uint64,
    validUntil: Uint64,
    payload: Payloads[kind],
    sigs: z.array(Signature).max(15),
  });

export const Action = z.discriminatedUnion('kind', [
  actionSchema('commons.genesis'),
  actionSchema('member.enrol'),
  actionSchema('member.changeFaction'),
  actionSchema('attestor.register'),
  actionSchema('vault.create'),
  actionSchema('vault.setSigners'),
  actionSchema('vault.setThreshold'),
  actionSchema('token.mint'),
  actionSchema('token.transfer'),
  actionSchema('token.burnToComm'),
  actionSchema('token.burnToConx'),
  actionSchema('ballot.anonymous'),
]);
export type Action = z.output<typeof Action>;
export type ActionOf<K extends ActionKind> = Extract<Action, { kind: K }>;

export const Entry = z.strictObject({
  v: z.literal(LOG_VERSION),
  seq: Uint64,
  prevHash: Hash,
  time: Uint64,
  actions: z.array(Action).min(1).max(10_000),
  sequencerSigs: z.array(Signature).max(15),
});
export type Entry = z.output<typeof Entry>;
export type WireEntry = z.input<typeof Entry>;

/** One line of the log: the entry in canonical JSON (sorted keys, amounts as strings). */
export const encodeEntry = (entry: Entry): string => canonicalJson(entry);
