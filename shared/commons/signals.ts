/**
 * A proof's public signals checked against what the ledger expects from its own context (SPEC §1,
 * §7): exactly as many as the circuit has, each equal to the value the ledger derives, each a field
 * element in canonical form. A circuit computes modulo r, so `x` and `x + r` are the same signal to
 * a proof; only the canonical form is accepted, so that one proof can never stand for two values
 * (two nullifiers, two Commons, two proposals).
 */
import { type Result, err, ok } from '../result';
import { isFieldElement } from '../zk/field';
import { type CoreError, fail } from './core-errors';

/** One expected signal: what it is (for the error) and its value as the ledger derives it. */
export type ExpectedSignal = readonly [what: string, value: string];

export function checkPublicSignals(got: readonly string[], expected: readonly ExpectedSignal[]): Result<null, CoreError> {
  for (const [what, value] of expected) {
    if (!isFieldElement(value)) return err(fail('NonCanonicalField', { what, value }));
  }
  const values = expected.map(([, value]) => value);
  if (got.length !== values.length || got.some((signal, i) => signal !== values[i])) {
    return err(fail('PublicSignalsMismatch', { expected: values, got: [...got] }));
  }
  return ok(null);
}
