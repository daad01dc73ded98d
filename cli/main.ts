/** Entry point of the `c3` bin (cli/c3.mjs registers tsx and imports this). */
import { runC3 } from './commands';

process.exitCode = await runC3(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
