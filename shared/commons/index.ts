/** The Commons ledger (SPEC §0–3, §11): what the app, the CLI and the main process use. */
export { apply, applyAction, commonsIdOf, fold, genesis, onTime, preflightAction, stateHash, type LedgerContext } from './apply';
export { type CommonsError, type CommonsErrorKind, type LedgerError, fail, toWireError } from './errors';
export { type Action, type ActionKind, type ActionOf, type Entry, type PayloadOf, Entry as EntrySchema, LOG_VERSION, encodeEntry } from './log';
export { DEFAULT_PARAMS, PARAM_DEFAULTS_BY_VERSION, type Params } from './params';
export { type CommonsState, type Member, type Vault, type Signer, type Faction, FACTIONS, ROLE_TOKEN } from './state';
export { UNCHECKED_ZK_VERIFIER, cachedRecoverer, collectSignatures, encodeLog, parseEntry, parseLog, verifyLog, type RecoveryJob } from './verify';
export { stateView, toCommonsView } from './view';
export { deriveVaultAddress } from './vaults';
export { useScopeNullifier } from './identity';
export { type DigestSigner, LogBuilder, keySigner, signAction, sealEntry, attest } from './build';
export { modules } from './registry';
export { composeCommons } from './compose';
export { defineModule } from './module';
export { plainState, restoredState, storedState } from './plain';
