/** The Commons ledger (SPEC §0–3, §11): what the app, the CLI and the main process use. */
export { apply, applyAction, commonsIdOf, fold, genesis, stateHash, type LedgerContext } from './apply';
export { type CommonsError, type CommonsErrorKind, type LedgerError, toWireError } from './errors';
export { type Action, type ActionKind, type Entry, Entry as EntrySchema, LOG_VERSION, encodeEntry } from './log';
export { DEFAULT_PARAMS, type Params } from './params';
export { type CommonsState, type Member, type Vault, type Signer, type Faction, FACTIONS, ROLE_TOKEN } from './state';
export { UNCHECKED_ZK_VERIFIER, cachedRecoverer, collectSignatures, encodeLog, parseEntry, parseLog, verifyLog, type RecoveryJob } from './verify';
export { stateView, toCommonsView } from './view';
export { deriveVaultAddress } from './vaults';
export { useScopeNullifier } from './identity';
export { type DigestSigner, LogBuilder, keySigner, signAction, sealEntry, attest } from './build';
