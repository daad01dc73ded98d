/**
 * The log format, version 1 (docs/ledger-format.md): one entry per line (JSON Lines), amounts as
 * decimal strings, addresses and signatures as lower-case hex. These zod schemas — composed from
 * the registered modules' payloads — decode a line into the typed entry the ledger applies, and
 * encode it back byte for byte in canonical form.
 */
import { type z } from 'zod';
import { canonicalJson } from '../crypto/canonical';
import { type ActionKindOf, type ActionOf as ActionOfModules, type EntryOf, type PayloadSchemasOf } from './compose';
import { commons } from './ledger';
import { type modules } from './registry';

export { LOG_VERSION, Address, Hash, SignatureHex, Field, SignerSpec, Signature, Groth16Proof } from './schema';

type Modules = typeof modules;

/** The payload schema of each action kind. */
export const Payloads: PayloadSchemasOf<Modules> = commons.Payloads;
export type ActionKind = ActionKindOf<Modules>;
export type PayloadOf<K extends ActionKind> = z.output<PayloadSchemasOf<Modules>[K]>;

export const Action = commons.Action;
export type Action = ActionOfModules<Modules>;
export type ActionOf<K extends ActionKind> = Extract<Action, { kind: K }>;

export const Entry = commons.Entry;
export type Entry = EntryOf<Modules>;
export type WireEntry = z.input<typeof Entry>;

/** One line of the log: the entry in canonical JSON (sorted keys, amounts as strings). */
export const encodeEntry = (entry: Entry): string => canonicalJson(entry);
