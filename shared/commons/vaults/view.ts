/** What the views show of vaults: `c3 state --json` and the dashboard's CommonsView. */
import { z } from 'zod';
import { nonZero } from '../balances';
import { type ModuleView } from '../module';
import { Amount } from '../../money';
import { Address, Balances } from '../view-schema';
import { spentInPeriod, periodStartOf } from './spend-limit';
import { type Vault, type VaultsSlice } from './state';

export const SignerView = z.object({
  address: Address,
  label: z.string(),
  /** The derivation path the signer's device signs with (SPEC §3). */
  path: z.string(),
  device: z.enum(['ledger', 'trezor', 'unknown']),
  emulated: z.boolean(),
});
export type SignerView = z.infer<typeof SignerView>;

/** A Commons vault's spend limit (SPEC §3) and what it spent in the period of the ledger's last entry. */
export const SpendLimitView = z.object({ amount: Amount, periodSeconds: z.number().int().positive(), spent: Amount, periodStart: z.number().int().nonnegative() });
export type SpendLimitView = z.infer<typeof SpendLimitView>;

export const VaultView = z.object({
  address: Address,
  name: z.string(),
  kind: z.enum(['member', 'commons']),
  owner: z.string().nullable(),
  threshold: z.number().int().min(1).max(15),
  signers: z.array(SignerView).min(1).max(15),
  nonce: z.number().int().nonnegative(),
  balances: Balances,
  /** Commons vaults that carry one (SPEC §3); absent otherwise. */
  spendLimit: SpendLimitView.optional(),
});
export type VaultView = z.infer<typeof VaultView>;

const shape = { vaults: z.array(VaultView) };

/** What both views show of a vault, with its signers as each view shows them (in the order `c3 state --json` has always printed). */
const vaultFields = <S>(v: Vault, signers: S) => ({ address: v.address, name: v.name, kind: v.kind, owner: v.owner, threshold: v.threshold, signers, nonce: v.nonce, balances: nonZero(v.balances) });

export const vaultsView: ModuleView<VaultsSlice, typeof shape> = {
  state: (state) => ({ vaults: [...state.vaults.values()].map((v) => vaultFields(v, v.signers)) }),
  commons: {
    shape,
    of: (state, options) => ({
      vaults: [...state.vaults.values()].map((v) =>
        withSpendLimit(
          vaultFields(
            v,
            v.signers.map((s) => ({ address: s.address, label: s.label, path: s.path, device: s.device, emulated: options.emulated(s.address) })),
          ),
          v,
          state.time,
        ),
      ),
    }),
  },
};

function withSpendLimit<V extends object>(view: V, vault: Vault, time: number): V & { spendLimit?: SpendLimitView } {
  const limit = vault.spendLimit;
  if (!limit) return view;
  return { ...view, spendLimit: { amount: limit.amount, periodSeconds: limit.periodSeconds, spent: spentInPeriod(vault, time), periodStart: periodStartOf(limit, time) } };
}
