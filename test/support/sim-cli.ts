/** Runs `keepalived-ts sim …` from the sources (no build needed), for subprocess tests. */
import { run } from '../../src/cli/commands/sim.js';

const code = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  prog: 'keepalived-ts',
});
process.exitCode = code;
