/** The vaults module (SPEC §3): vaults, their signers and thresholds. */
import { VaultMap } from './vault-map';
import { ok } from '../../result';
import { TREASURY, VAULT_QUORUM, action, defineModule, newVault } from '../module';
import { vaultsSentences } from './errors';
import { createCommonsVault, createMemberVault, setSigners, setSpendLimit, setThreshold } from './handlers';
import { CreateCommonsVaultPayload, CreateVaultPayload, SetSignersPayload, SetSpendLimitPayload, SetThresholdPayload } from './payloads';
import { type VaultsSlice } from './state';
import { checkSignerSet } from './vault';
import { vaultsView } from './view';

export const vaults = defineModule({
  name: 'vaults',
  actions: {
    // A member's further vault speaks for the member: its signers and the member's own key sign it (SPEC §1).
    'vault.create': action({ payload: CreateVaultPayload, authority: newVault((p) => p, (p) => p.owner), handle: createMemberVault }),
    'vault.setSigners': action({ payload: SetSignersPayload, authority: VAULT_QUORUM, handle: setSigners }),
    'vault.setThreshold': action({ payload: SetThresholdPayload, authority: VAULT_QUORUM, handle: setThreshold }),
    // SPEC §3: Commons vaults and their spend limits, by the treasury quorum (until governance provides passed-proposal).
    'vault.createCommons': action({ payload: CreateCommonsVaultPayload, authority: TREASURY, handle: createCommonsVault }),
    'vault.setSpendLimit': action({ payload: SetSpendLimitPayload, authority: TREASURY, handle: setSpendLimit }),
  },
  state: {
    // The treasury, defined by the genesis entry, is the first vault.
    initial: (genesis) => {
      const { treasury } = genesis;
      const set = checkSignerSet(treasury.signers, treasury.threshold);
      if (!set.ok) return set;
      const slice: VaultsSlice = {
        vaults: VaultMap.of([
          [
            treasury.address,
            {
              address: treasury.address,
              name: treasury.name,
              kind: 'commons',
              owner: null,
              signers: treasury.signers,
              threshold: treasury.threshold,
              nonce: 0,
              balances: {},
            },
          ],
        ]),
      };
      return ok(slice);
    },
  },
  errors: vaultsSentences,
  view: vaultsView,
});

export { MAX_SIGNERS, checkSignerSet, createVault, deriveVaultAddress, putVault, vaultAt } from './vault';
export { type SpendLimit, type Vault } from './state';
export { checkSpend, periodStartOf, recordSpend, spentInPeriod } from './spend-limit';
