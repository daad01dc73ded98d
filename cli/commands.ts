/**
 * `c3` — the Commons ledger from the command line, for stewards and scripts:
 *   c3 verify LOG        exit 0 and a summary when valid; exit 1 and the first invalid entry otherwise
 *   c3 state LOG --json  members, vaults, balances, supplies and params of a valid log
 *   c3 demo LOG          writes the Demo Commons log, signed by the emulated devices' keys
 *   c3 scenario FILE OUT builds a signed log from a scenario file (docs/scenario-format.md)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { bigintReplacer } from '../shared/result';
import { encodeLog } from '../shared/commons/verify';
import { commonsVerifier } from '../electron/services/ledger/zk-verifier';
import { type LedgerError, fail } from '../shared/commons/errors';
import { stateView } from '../shared/commons/view';
import { emulatorDemoLog } from '../electron/services/ledger/demo';
import { linesOf, replayLines } from '../electron/services/ledger/replay';
import { runScenario } from './scenario/command';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `usage:
  c3 verify LOG        verify a Commons log (exit 1 and the first invalid entry if it is not valid)
  c3 state LOG --json  print the state folded from a valid log
  c3 demo LOG          write the Demo Commons log (emulated devices' keys; never for real funds)
  c3 scenario FILE.json OUT.jsonl
                       build a signed log from a scenario (docs/scenario-format.md); nothing is
                       written unless every step goes as the scenario says
`;

export function describeError(error: LedgerError): string {
  const where = error.action === undefined ? `entry ${error.seq}` : `entry ${error.seq}, action ${error.action}`;
  // The sentence for people, then the typed error for scripts.
  return `invalid: ${where}: ${error.kind}\n  ${error.message}\n${JSON.stringify(error, bigintReplacer, 2)}\n`;
}

async function readLog(path: string, io: Io): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    io.err(`c3: cannot read ${path}: ${cause instanceof Error ? cause.message : String(cause)}\n`);
    return null;
  }
}

export async function runC3(args: readonly string[], io: Io): Promise<number> {
  const [command, path, ...rest] = args;
  if (!command || !path || !['verify', 'state', 'demo', 'scenario'].includes(command)) {
    io.err(USAGE);
    return 2;
  }
  if (command === 'scenario') {
    const out = rest[0];
    if (!out || rest.length > 1) {
      io.err(USAGE);
      return 2;
    }
    return runScenario(path, out, io);
  }
  if (command === 'demo') {
    const entries = emulatorDemoLog();
    await writeFile(path, encodeLog(entries));
    io.out(`wrote the Demo Commons log to ${path}: ${entries.length} entries (emulated devices' keys, never for real funds)\n`);
    return 0;
  }
  const text = await readLog(path, io);
  if (text === null) return 2;
  const started = performance.now();
  // The ledger service's own replay (an import verifies the same way): signatures recovered by
  // libsecp256k1 on worker threads, each batch's proofs checked together (SPEC §1, §7).
  const replay = await replayLines({ start: null, lines: linesOf(text) }, { verifier: commonsVerifier(), workers: 2 });
  const seconds = (performance.now() - started) / 1000;
  const state = replay.state;
  if (replay.error || !state) {
    io.err(describeError(replay.error ?? { ...fail('GenesisInvalid', { reason: 'the log is empty' }), seq: 0 }));
    return 1;
  }
  if (command === 'state') {
    if (!rest.includes('--json')) io.err('c3 state: only --json output exists; printing JSON\n');
    io.out(`${JSON.stringify(stateView(state), bigintReplacer, 2)}\n`);
    return 0;
  }
  io.out(
    [
      `valid: ${state.name} (${state.commonsId})`,
      `  entries ${replay.kept}, actions ${replay.actions}, signatures ${replay.signatures}, head ${state.headHash}`,
      `  members ${state.members.size}, vaults ${state.vaults.size}, last entry ${new Date(state.time * 1000).toISOString()}`,
      `  verified in ${seconds.toFixed(2)} s with ${replay.recoverer}`,
      `  zero-knowledge proofs checked in batches with the Groth16 keys of resources/zk (manifest-verified)`,
      '',
    ].join('\n'),
  );
  return 0;
}
