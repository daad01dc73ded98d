/**
 * Prints an update file carrying a rival of the first entry of the update file given: the same
 * height and previous entry, another time, sealed by the stewards' emulated devices' keys (public
 * test mnemonics: test and demo keys only). Both entries are then validly sealed at one height: a
 * fork (SPEC §11), which a member's app must refuse naming both. For e2e/real-commons.spec.ts:
 *
 *   node --import tsx scripts/forked-update.ts <update.jsonl> ledger:0 trezor:0 …
 */
import { readFileSync } from 'node:fs';
import { sealEntry } from '../shared/commons/build';
import { Entry } from '../shared/commons/log';
import { entryHash } from '../shared/commons/quorum';
import { UpdateHeader, encodeUpdateFile } from '../shared/commons/update-file';
import { emulatorKey } from './emulator-keys';

const [file, ...sealers] = process.argv.slice(2);
if (!file || sealers.length === 0) throw new Error('usage: forked-update.ts <update.jsonl> <device:index>…');
const [headerLine, entryLine] = readFileSync(file, 'utf8').split('\n');
const header = UpdateHeader.parse(JSON.parse(headerLine!));
const held = Entry.parse(JSON.parse(entryLine!));
// The same actions on the same previous entry, a second later: another entry at the same height.
const body = { seq: held.seq, prevHash: held.prevHash, time: held.time + 1, actions: held.actions };
const rival = sealEntry(header.commonsId, body, sealers.map(emulatorKey), held.v);
const { format: _format, ...rest } = header;
process.stdout.write(encodeUpdateFile({ ...rest, fromSeq: held.seq, toSeq: held.seq, headHash: entryHash(header.commonsId, rival) }, [rival]));
