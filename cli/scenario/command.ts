/**
 * `c3 scenario FILE.json OUT.jsonl`: builds the scenario's signed log and writes it only when
 * every step went as the scenario says: to a temporary file beside OUT, renamed over OUT at the
 * end, so a refused scenario leaves no file and a crash no half-written one.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { encodeLog } from '../../shared/commons/verify';
import { commonsVerifier } from '../../electron/services/ledger/zk-verifier';
import { emulatorDemoKeys } from '../../electron/services/ledger/demo';
import { bestRecoverer } from '../../electron/services/ledger/native';
import { type ScenarioTools, buildScenario } from './build';
import { readScenario } from './format';
import { identityProver, membershipProver } from './prove';

export interface ScenarioIo {
  out(text: string): void;
  err(text: string): void;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export const defaultScenarioTools = (): ScenarioTools => ({
  keys: emulatorDemoKeys(),
  verifier: commonsVerifier(),
  recoverer: bestRecoverer(),
  prove: identityProver(),
  proveMembership: membershipProver(),
});

/** Exit code 0 when the log was written, 1 when the scenario is refused (nothing written). */
export async function runScenario(file: string, out: string, io: ScenarioIo, tools: ScenarioTools = defaultScenarioTools()): Promise<number> {
  const started = performance.now();
  const scenario = await readScenario(file);
  if (!scenario.ok) {
    io.err(`c3 scenario: ${file} is refused: ${scenario.error.message}\n`);
    return 1;
  }
  const built = await buildScenario(scenario.value, tools);
  if (!built.ok) {
    io.err(`c3 scenario: ${file}: ${built.error.message}\nNothing was written.\n`);
    return 1;
  }
  const log = built.value;
  const temporary = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, encodeLog(log.entries), { flag: 'wx' });
    await rename(temporary, out);
  } catch (cause) {
    await rm(temporary, { force: true });
    io.err(`c3 scenario: cannot write ${out}: ${cause instanceof Error ? cause.message : String(cause)}\n`);
    return 1;
  }
  const seconds = (performance.now() - started) / 1000;
  io.out(
    [
      `wrote ${out}: "${log.state.name}" (${log.state.commonsId}), ${log.entries.length} entries`,
      `  ${count(log.state.members.size, 'member')} enrolled (proofs made in ${log.proofSeconds.toFixed(2)} s), ${count(log.steps, 'step')}, ${log.refusedAsExpected} refused as expected, ${count(log.checks, 'check')} held`,
      `  built in ${seconds.toFixed(2)} s; signed by the emulated devices' keys (public test mnemonics, never for real funds)`,
      '',
    ].join('\n'),
  );
  return 0;
}
