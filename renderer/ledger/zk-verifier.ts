/**
 * The renderer's Groth16 verifier: the Commons' verification keys, bundled at build time from
 * resources/zk (the same files whose hashes the manifest records), checked synchronously by
 * @noble/curves inside the ledger's fold (~35 ms a proof).
 */
import identity from '../../resources/zk/identity.vkey.json';
import membership from '../../resources/zk/membership.vkey.json';
import credential from '../../resources/zk/credential.vkey.json';
import { createGroth16Verifier, type VerificationKey } from '../../shared/zk/groth16';
import { type ZkVerifier } from '../../shared/zk/types';

let verifier: ZkVerifier | undefined;

export function commonsVerifier(): ZkVerifier {
  verifier ??= createGroth16Verifier({
    identity: identity as unknown as VerificationKey,
    membership: membership as unknown as VerificationKey,
    credential: credential as unknown as VerificationKey,
  });
  return verifier;
}
