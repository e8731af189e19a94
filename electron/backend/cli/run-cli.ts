import { parseArgs } from 'node:util';
import { AppError } from '../rpc/app-error';
import { CliUsageError, type CliCommand } from './command';
import { commands } from './commands';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | null {
  const matches = commands
    .filter((c) => c.words.every((w, i) => argv[i] === w))
    .sort((a, b) => b.words.length - a.words.length);
  const command = matches[0];
  return command ? { command, rest: argv.slice(command.words.length) } : null;
}

function helpText(): string {
  const lines = commands.map((c) => `  ${c.usage.padEnd(72)} ${c.summary}`);
  return ['Usage: npm run --silent cli -- <command> [options]', '', 'Commands:', ...lines].join('\n');
}

/** Runs one CLI invocation; returns the process exit code (0 ok, 1 failed, 2 usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help') {
    io.stdout(helpText() + '\n');
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.stderr(`未知命令：${argv.join(' ')}\n\n${helpText()}\n`);
    return 2;
  }
  const { command, rest } = found;
  // Known before the arguments parse, so that a usage error is JSON too for a caller that asked for JSON.
  const json = rest.includes('--json');
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const output = await command.run(values, positionals);
    for (const notice of output.notices ?? []) io.stderr(`${notice}\n`);
    io.stdout((json ? JSON.stringify(output.json) : output.text) + '\n');
    return 0;
  } catch (err) {
    if (err instanceof CliUsageError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      if (json) io.stdout(JSON.stringify({ error: { code: 'USAGE', message: `参数错误：${err.message}` } }) + '\n');
      io.stderr(`参数错误 (usage error): ${err.message}\nUsage: npm run --silent cli -- ${command.usage}\n`);
      return 2;
    }
    const error =
      err instanceof AppError
        ? { code: err.code, message: err.userMessage }
        : { code: 'INTERNAL', message: `操作失败：${err instanceof Error ? err.message : String(err)}` };
    if (json) io.stdout(JSON.stringify({ error }) + '\n');
    io.stderr(`${error.message}\n`);
    return 1;
  }
}
