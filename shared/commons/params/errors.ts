/** The params module's errors (SPEC §4, §7), each with its sentence. */
import { type E, type Sentences, failWith } from '../module';

export type ParamsError = E<'ParamOutOfBounds', { param: string; value: number; relation: '<' | '≤' | '≥'; bound: number }>;
export type ParamOutOfBounds = Extract<ParamsError, { kind: 'ParamOutOfBounds' }>;

export const paramsSentences: Sentences<ParamsError> = {
  ParamOutOfBounds: (e) => `The parameter ${e.param} is ${e.value}; it must be ${e.relation} ${e.bound} (SPEC §4 and the bounds of docs/ledger-format.md).`,
};

export const fail = failWith<ParamsError>(paramsSentences);
