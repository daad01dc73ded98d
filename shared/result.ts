/**
 * Results, not exceptions, across every boundary (STYLE.md: Trezor Suite's
 * `{ success, payload }`). `error` is a discriminated union keyed by `kind`.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

/** Unwraps a result in code that has already decided a failure is a bug (tests, scripts). */
export function unwrap<T, E>(result: Result<T, E>): T {
  if (result.ok) return result.value;
  throw new Error(`unwrap of a failed result: ${JSON.stringify(result.error, bigintReplacer)}`);
}

/** JSON.stringify replacer that writes bigint as a decimal string. */
export function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
