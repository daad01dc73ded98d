/**
 * The zod primitives of the dashboard's read model (shared/contract/commons-view.ts), which each
 * module's view builds its fields from. Addresses here accept either case (a read model is never
 * a signed value).
 */
import { z } from 'zod';
import { Amount } from '../money';

export const Faction = z.enum(['Union', 'Guild', 'Syndicate']);
export type Faction = z.infer<typeof Faction>;
export const Tier = z.enum(['None', 'Bronze', 'Silver', 'Gold']);
export const TokenSymbol = z.enum(['PPT', 'COMM', 'CONX', 'PDT', 'PCT', 'PMT']);
export const Address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'a 20-byte hex address');
export const Hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'a 32-byte hex value');

/** Balances per token; a token not held is absent. */
export const Balances = z.partialRecord(TokenSymbol, Amount);
