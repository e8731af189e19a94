import { runCli } from './backend/cli/run-cli';
import { setQuietLogs } from './backend/log';

setQuietLogs(true);
const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
process.exitCode = code;
