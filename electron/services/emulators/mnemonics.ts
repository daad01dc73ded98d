/**
 * The public test mnemonics the vendors use in their own test suites, so that our emulators'
 * answers can be compared with recordings made on real devices and on the vendors' emulators.
 * Anyone can derive these keys: an emulator is a test and demo device, never for real funds.
 */
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';

/** Speculos's default seed (Ledger's emulator and hw-app-eth's recorded fixtures). */
export const SPECULOS_MNEMONIC =
  'glory promote mansion idle axis finger extra february uncover one trip resource lawn turtle enact monster seven myth punch hobby comfort wild raise skin';

/** Trezor's device-test mnemonic ("all all … all", twelve words). */
export const TREZOR_MNEMONIC = 'all all all all all all all all all all all all';

/** The BIP-39 test vector (entropy 0…0), public in the standard: a second emulated device's keys. */
export const BIP39_TEST_VECTOR_MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

const rootCache = new Map<string, HDKey>();

/** The BIP32 root of a mnemonic (empty passphrase), cached: PBKDF2 costs ~100 ms. */
export function rootKey(mnemonic: string): HDKey {
  let root = rootCache.get(mnemonic);
  if (!root) {
    root = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic));
    rootCache.set(mnemonic, root);
  }
  return root;
}

/** BIP44 Ethereum path of account index `i`: m/44'/60'/0'/0/i (Ledger Live and Trezor Suite default). */
export const ethereumPath = (index: number): string => `m/44'/60'/0'/0/${index}`;

/** The key at `path` for `mnemonic`. */
export function deriveKey(mnemonic: string, path: string): HDKey {
  return rootKey(mnemonic).derive(path);
}
