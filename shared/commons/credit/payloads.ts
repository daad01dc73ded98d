/**
 * The credit module's action payloads (docs/ledger-format.md, "Credit (VELOC)"). Amounts are
 * minor units as decimal strings on the wire; zero and amounts above `MAX_AMOUNT` pass the schema
 * and are refused by the handler with their rule (`InvalidAmount`, `AmountTooLarge`), so that a
 * hostile payload gets a sentence, not a parse error.
 */
import { z } from 'zod';
import { NonNegativeAmount } from '../../money';
import { Address } from '../schema';
import { MARKET_ASSETS } from './state';

const Market = z.enum(MARKET_ASSETS);
const Amount = NonNegativeAmount;

/** The treasury quorum attests a market asset's price: CONX minor units per whole unit (SPEC §4). */
export const PriceAttestPayload = z.strictObject({ asset: Market, price: Amount });
/** COMM from the vault's balance into its line's escrow; or back. */
export const LockPayload = z.strictObject({ amount: Amount });
/** A stated amount of an external asset held in the vault's multisig wallet on its chain (SPEC §4, §12). */
export const PledgePayload = z.strictObject({ asset: Market, amount: Amount });
/** Draw, repay (CONX) or set off (locked COMM): an amount in minor units. */
export const AmountPayload = z.strictObject({ amount: Amount });
/** The treasury sets off a member's locked COMM against their debt, while health is below 1. */
export const TreasurySetOffPayload = z.strictObject({ vault: Address, amount: Amount });
/** The treasury liquidates a line (SPEC §4). */
export const LiquidatePayload = z.strictObject({ vault: Address });
