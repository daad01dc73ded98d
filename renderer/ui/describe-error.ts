/**
 * Every error the renderer can meet, turned into words for the person in front of the screen, in
 * one place: one registry per module of errors (./errors/), each a mapped type over its kinds, so
 * that a kind without words does not compile. Screens never show a service's `message` raw, and
 * nothing parses it: the registry for the error's kind chooses the words.
 */
import { commonsWords, isCommonsRule } from './errors/commons';
import { contractWords } from './errors/contract';
import { deviceWords } from './errors/devices';
import { flowWords } from './errors/flows';
import { ledgerWords } from './errors/ledger';
import { requestWords } from './errors/requests';
import { type ErrorWords } from './errors/words';
import { zkWords } from './errors/zk';
import { stewardsWords } from './errors/stewards';

export { type ErrorWords } from './errors/words';

/** Any error a screen shows: a kind and a sentence, with the numbers beside them. */
export interface ShownError {
  readonly kind: string;
  readonly message: string;
  readonly nextStep?: string;
}

/** The registries, one per module; a kind is worded by exactly one of them (registry.test.ts). */
export const REGISTRIES = { contract: contractWords, devices: deviceWords, zk: zkWords, ledger: ledgerWords, requests: requestWords, flows: flowWords, stewards: stewardsWords } as const;

type Explain = (error: never) => ErrorWords;
const byKind = new Map<string, Explain>(Object.values(REGISTRIES).flatMap((registry) => Object.entries(registry as Record<string, Explain>)));

/** Whether some registry (or the Commons' rules) words this kind. */
export const hasWords = (kind: string): boolean => byKind.has(kind) || isCommonsRule({ kind });

export function describeError(error: ShownError): ErrorWords {
  const explain = byKind.get(error.kind);
  if (explain) return (explain as (e: ShownError) => ErrorWords)(error);
  if (isCommonsRule(error)) return commonsWords(error);
  // No kind reaches here from the contract (its rows' errors are closed unions); say what we have.
  const next = (error as { nextStep?: unknown }).nextStep;
  return { title: 'The action could not be completed', detail: error.message, ...(typeof next === 'string' ? { next } : {}) };
}
