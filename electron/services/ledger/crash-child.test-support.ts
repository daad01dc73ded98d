/**
 * A writer for store.test.ts to kill: appends the entries of a JSON Lines file one by one to the
 * log at argv[2] (through the store the service uses), printing "acked <height>" once each is
 * committed. The test kills it with SIGKILL mid-run and checks what a restart finds.
 */
import { readFileSync, writeSync } from 'node:fs';
import { apply } from '../../../shared/commons/apply';
import { parseLog } from '../../../shared/commons/verify';
import { unwrap } from '../../../shared/result';
import { CommonsLog } from './commons-log';
import { bestRecoverer } from './native';
import { verifier } from './log-fixtures.test-support';

const [file, source] = process.argv.slice(2) as [string, string];
const entries = unwrap(parseLog(readFileSync(source, 'utf8')));
const log = CommonsLog.openSync({ file, verifier });
const ctx = { verifier, recoverer: bestRecoverer() };
let state = log.state()!;
writeSync(1, `ready ${log.height}\n`);
for (const entry of entries.slice(log.height)) {
  state = unwrap(apply(state, entry, ctx));
  const stored = log.commit([entry], state);
  if (!stored.ok) process.exit(3);
  writeSync(1, `acked ${log.height}\n`);
}
writeSync(1, 'done\n');
