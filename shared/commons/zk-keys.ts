/**
 * The verification keys a Commons' proofs are made under (docs/zk.md): the SHA-256 of each
 * circuit's `vkey.json`, as `resources/zk/manifest.json` names them. A genesis may state them
 * (schema.ts, version 2), so that a member's app whose keys differ refuses the Commons at once,
 * naming the circuit, rather than refusing every proof later without saying why.
 */
import { z } from 'zod';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

export const ZkKeyHashes = z.strictObject({ identity: Sha256Hex, membership: Sha256Hex, credential: Sha256Hex });
export type ZkKeyHashes = z.output<typeof ZkKeyHashes>;

export const ZK_CIRCUITS = ['identity', 'membership', 'credential'] as const;

/** The first circuit whose stated key is not ours, or null when every one is the same. */
export function zkKeyDifference(stated: ZkKeyHashes, ours: ZkKeyHashes): { circuit: (typeof ZK_CIRCUITS)[number]; stated: string; ours: string } | null {
  const circuit = ZK_CIRCUITS.find((name) => stated[name] !== ours[name]);
  return circuit ? { circuit, stated: stated[circuit], ours: ours[circuit] } : null;
}
