/**
 * Prints the address of each emulated device account named (`ledger:3 trezor:2` …), one a line, for
 * the e2e flows that write co-signer files as other members' apps would (e2e/real-commons.spec.ts).
 */
import { emulatorAddress } from './emulator-keys';

process.stdout.write(process.argv.slice(2).map((spec) => `${emulatorAddress(spec)}\n`).join(''));
