/** The tokens module's action payloads (docs/ledger-format.md). */
import { z } from 'zod';
import { COMMONS_TOKENS, NonNegativeAmount } from '../../money';
import { Address } from '../schema';

const Token = z.enum(COMMONS_TOKENS);
/** Zero passes the schema and is refused by the handler, with its rule (`InvalidAmount`). */
const Amount = NonNegativeAmount;

export const MintPayload = z.strictObject({ token: Token, to: Address, amount: Amount });
export const TransferPayload = z.strictObject({ token: Token, to: Address, amount: Amount });
export const BurnPayload = z.strictObject({ amount: Amount });
