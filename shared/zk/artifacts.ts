/**
 * The circuits C3 Vault ships and the manifest of their built artifacts (resources/zk/), which
 * names every file with its SHA-256 so that nothing tampered with is ever loaded.
 */
import { z } from 'zod';
import { type CircuitName } from './types';

export const MERKLE_DEPTH = 20;
/** Phase 1 size: 2^13 = 8,192 constraints covers the largest circuit (credential, ~5,900). */
export const PTAU_POWER = 13;

export const CIRCUITS: readonly { name: CircuitName; publicSignals: readonly string[] }[] = [
  { name: 'identity', publicSignals: ['commitment', 'nullifier', 'commonsId'] },
  { name: 'membership', publicSignals: ['root', 'nullifier', 'scope', 'message'] },
  { name: 'credential', publicSignals: ['root', 'nullifier', 'faction', 'minTier', 'scope', 'message'] },
];

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const ArtifactFile = z.strictObject({ file: z.string().regex(/^[a-z]+\.(wasm|zkey|vkey\.json)$/), sha256: Sha256 });

export const ZkManifest = z.strictObject({
  version: z.literal(1),
  ceremony: z.strictObject({
    kind: z.enum(['local-beacon', 'multi-party']),
    ptauPower: z.number().int().min(1).max(28),
    ptauSha256: Sha256,
    ptauBeacon: z.string(),
    zkeyBeacon: z.string(),
    iterationsExp: z.number().int(),
  }),
  circuits: z.partialRecord(
    z.enum(['identity', 'membership', 'credential']),
    z.strictObject({ constraints: z.number().int().positive(), publicSignals: z.array(z.string()), wasm: ArtifactFile, zkey: ArtifactFile, vkey: ArtifactFile }),
  ),
});
export type ZkManifest = z.infer<typeof ZkManifest>;
