/**
 * What the screens say of an error: a title, the detail, and what the person can do next. Each
 * module of errors has one registry from kind to these words (./contract.ts, ./devices.ts,
 * ./zk.ts, ./ledger.ts, ./requests.ts, ./flows.ts; the Commons' rules have their sentences in their modules,
 * ./commons.ts); `describeError` (../describe-error.ts) is the one way a screen words an error.
 */
export interface ErrorWords {
  title: string;
  detail: string;
  /** What the person can do next, when there is something. */
  next?: string;
}

/** One entry per kind of the union `U`: a mapped type, so that a kind without words is a type error. */
export type WordsFor<U extends { readonly kind: string }> = { readonly [K in U['kind']]: (error: Extract<U, { kind: K }>) => ErrorWords };

/** The words with the error's own next step, where it carries one. */
export const withNext = (title: string, detail: string, next: string | undefined): ErrorWords => (next ? { title, detail, next } : { title, detail });
