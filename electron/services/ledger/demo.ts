/** The Demo Commons log, signed by the emulators' keys (public test mnemonics; never for real funds). */
import { readFileSync } from 'node:fs';
import { type Entry } from '../../../shared/commons/log';
import { type DemoKeys, type DemoProofs, demoLog } from '../../../shared/commons/demo';
import { type CommonsView } from '../../../shared/contract/commons-view';
import { fold } from '../../../shared/commons/apply';
import { toCommonsView } from '../../../shared/commons/view';
import { unwrap } from '../../../shared/result';
import { bestRecoverer } from './native';
import { commonsVerifier, zkResourcesDir } from './zk-verifier';
import { SPECULOS_MNEMONIC, TREZOR_MNEMONIC, deriveKey, ethereumPath } from '../emulators/mnemonics';

const privateKey = (mnemonic: string, index: number): Uint8Array => {
  const key = deriveKey(mnemonic, ethereumPath(index)).privateKey;
  if (!key) throw new Error(`no private key at ${ethereumPath(index)}`);
  return key;
};

/** The emulators' keys at m/44'/60'/0'/0/i: Ledger on the Speculos seed, Trezor on "all all …". */
export const emulatorDemoKeys = (): DemoKeys => ({ ledger: (i) => privateKey(SPECULOS_MNEMONIC, i), trezor: (i) => privateKey(TREZOR_MNEMONIC, i) });

/** The demo members' enrolment proofs, made by `npm run zk:build` (circuits/demo-proofs.ts). */
export function demoProofs(dir = zkResourcesDir()): DemoProofs | undefined {
  try {
    return JSON.parse(readFileSync(`${dir}/demo-proofs.json`, 'utf8')) as DemoProofs;
  } catch {
    return undefined;
  }
}

let cached: Entry[] | undefined;

/** The Demo Commons log; built once per process (it is deterministic: RFC 6979 signatures). */
export function emulatorDemoLog(): Entry[] {
  cached ??= demoLog(emulatorDemoKeys(), demoProofs());
  return cached;
}

let view: CommonsView | undefined;

/** The dashboard's Demo Commons, folded from the verified demo log, identity proofs included. */
export function demoCommonsView(): CommonsView {
  if (!view) {
    const entries = emulatorDemoLog();
    const state = unwrap(fold(entries, { verifier: commonsVerifier(), recoverer: bestRecoverer() }));
    const emulated = new Set([...state.vaults.values()].flatMap((v) => v.signers.map((s) => s.address)));
    // Wall clock only for "verified at", which is about this process, not about the ledger.
    view = toCommonsView(state, { demo: true, verifiedAt: Date.now(), emulated: (address) => emulated.has(address) });
  }
  return view;
}
