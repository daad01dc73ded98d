/**
 * A new Commons' genesis (SPEC §3, §11), as its stewards' app drafts it: the name, the treasury
 * (its signers are the stewards, who seal every entry as sequencers, and its threshold), the first
 * attestors, the parameters and the verification keys of its proofs. The draft is entry 0 without
 * its sequencer signatures: each steward signs its digest (an EIP-712 `LedgerEntry`) on their
 * device, and the ledger service verifies the whole entry before it stores it as the Commons' first.
 *
 * The draft is checked here by the very rules the fold applies at genesis (each module's
 * `initial`: the treasury's signer set, SPEC §4's parameter bounds), so that no steward is asked
 * to sign a genesis the ledger would refuse.
 */
import { type Hex } from '../crypto/canonical';
import { type Result, err, ok } from '../result';
import { commonsIdOf } from '../commons/apply';
import { type CommonsError, fail } from '../commons/errors';
import { type Action, type Entry, type PayloadOf, type Signature } from '../commons/log';
import { entryHash } from '../commons/quorum';
import { modules } from '../commons/registry';
import { GenesisPayload, LOG_VERSION, type SignerSpec } from '../commons/schema';
import { type ParamsV2 } from '../commons/params/schema';
import { ZERO_HASH } from '../commons/state';
import { deriveVaultAddress } from '../commons/vaults/vault';
import { type ZkKeyHashes } from '../commons/zk-keys';
import { z } from 'zod';

/** What the stewards choose in the wizard. */
export interface GenesisChoices {
  readonly name: string;
  /** Makes the Commons (and its treasury's address) unique, even under a name used before. */
  readonly salt: string;
  readonly stewards: readonly z.output<typeof SignerSpec>[];
  readonly threshold: number;
  readonly attestors: readonly string[];
  readonly params: ParamsV2;
  /** The genesis entry's time (seconds): the Commons' clock starts here (SPEC §0). */
  readonly time: number;
}

export interface GenesisDraft {
  readonly commonsId: Hex;
  /** Entry 0 without sequencer signatures. */
  readonly entry: Entry;
  /** The digest each steward signs (the entry's hash, EIP-712 LedgerEntry). */
  readonly digest: Hex;
}

/** The treasury's address for a genesis salt: a Commons vault (owner "commons") of no Commons yet. */
export const treasuryAddressOf = (salt: string): string => deriveVaultAddress(ZERO_HASH, 'commons', `treasury-${salt}`);

/** Drafts entry 0 from the stewards' choices, refusing what the fold would refuse (signer set, bounds). */
export function draftGenesis(choices: GenesisChoices, zkKeys: ZkKeyHashes): Result<GenesisDraft, CommonsError> {
  const candidate = {
    name: choices.name.trim(),
    salt: choices.salt,
    treasury: {
      address: treasuryAddressOf(choices.salt),
      name: 'Commons treasury',
      signers: choices.stewards.map((s) => ({ ...s, address: s.address.toLowerCase() })),
      threshold: choices.threshold,
      salt: `treasury-${choices.salt}`,
    },
    attestors: choices.attestors.map((a) => a.toLowerCase()),
    params: choices.params,
    logVersion: LOG_VERSION,
    zkKeys,
  };
  // Checked in its decoded form (amounts as bigint), as the log will hold it, then read back as the log reads it.
  const encoded = z.safeEncode(GenesisPayload, candidate);
  const parsed = encoded.success ? GenesisPayload.safeParse(encoded.data) : encoded;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err(fail('GenesisInvalid', { reason: `${issue.path.map(String).join('.') || 'the genesis'}: ${issue.message}` }));
  }
  const payload: PayloadOf<'commons.genesis'> = parsed.data;
  if (new Set(payload.attestors).size !== payload.attestors.length) return err(fail('GenesisInvalid', { reason: 'an attestor is named twice' }));
  // The rules the fold applies to a genesis, module by module, in the registry's order.
  for (const module of modules) {
    const slice = module.state.initial(payload, LOG_VERSION);
    if (!slice.ok) return err(slice.error as CommonsError);
  }
  const action = { kind: 'commons.genesis', vault: payload.treasury.address, nonce: 0, validUntil: choices.time + 1, payload, sigs: [] } as Action;
  const commonsId = commonsIdOf({ payload });
  const body = { seq: 0, prevHash: ZERO_HASH, time: choices.time, actions: [action] };
  const entry: Entry = { v: LOG_VERSION, ...body, sequencerSigs: [] };
  return ok({ commonsId, entry, digest: entryHash(commonsId, body) });
}

/** An entry with the stewards' signatures, sorted by signer (SPEC §3: strictly ascending, none twice). */
export function withSequencerSignatures(entry: Entry, sigs: readonly Signature[]): Entry {
  const bySigner = new Map(sigs.map((s) => [s.signer.toLowerCase(), { signer: s.signer.toLowerCase(), sig: s.sig.toLowerCase() }]));
  return { ...entry, sequencerSigs: [...bySigner.values()].sort((a, b) => (a.signer < b.signer ? -1 : 1)) };
}
