// The thin shell: hands the real process to runServer (boot.ts), where the start, its refusals and the graceful
// close live and are tested in-process.
import { runServer } from './boot.js';

void runServer({
  argv: process.argv,
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTty: process.stdout.isTTY === true,
  stderr: (line) => process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code),
  onSignal: (signal, handler) => process.once(signal, handler),
});
