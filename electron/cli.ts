import { CLI_PARSE_WORKER } from './backend/cli/parse-worker-url';
import { keepNoParseWorkers, startParseWorkerAhead } from './backend/import/parse/parse-worker-ahead';

// `import` starts its parse worker first, so that the worker loads while the rest of the CLI does (parse-worker-ahead.ts).
if (process.argv[2] === 'import') startParseWorkerAhead(CLI_PARSE_WORKER);
// A command reads one file at most: a worker kept after it would only hold its heap (~60 MB for a branch's file) until the end.
keepNoParseWorkers();
const { runCli } = await import('./backend/cli/run-cli');
const { setQuietLogs } = await import('./backend/log');

setQuietLogs(true);
const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
process.exitCode = code;
