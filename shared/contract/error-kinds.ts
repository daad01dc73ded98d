/**
 * Helpers for the closed error unions of the contract: a row's error kinds as a runtime list whose
 * type is the union of its kinds, built from a record so that a list meant to hold every kind of a
 * union cannot leave one out (the record's mapped type says which one is missing).
 */

/** Every kind of the union `K`, as a list: `kindsOf<K>({ A: true, B: true })`. */
export const kindsOf = <K extends string>(all: { readonly [Kind in K]: true }): readonly K[] => Object.keys(all) as K[];

/** An error as it crosses the boundary: bigint amounts are written as decimal strings (wire.ts `toJsonSafe`). */
type WireValue<V> = V extends bigint ? string : V extends readonly (infer I)[] ? WireValue<I>[] : V;
export type Wire<T> = { [P in keyof T]: WireValue<T[P]> };
