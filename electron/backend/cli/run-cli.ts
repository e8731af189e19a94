import { parseArgs } from 'node:util';
import { describeFailure, parseArgsProblem } from './cli-errors';
import { withCliStderr } from './cli-stderr';
import { CliUsageError, type CliCommand } from './command';
import { commands } from './commands';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const INVOCATION = 'npm run --silent cli --';

function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | null {
  const matches = commands
    .filter((c) => c.words.every((w, i) => argv[i] === w))
    .sort((a, b) => b.words.length - a.words.length);
  const command = matches[0];
  return command ? { command, rest: argv.slice(command.words.length) } : null;
}

function helpText(): string {
  const lines = commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]);
  return [
    `用法：${INVOCATION} <命令> [选项]`,
    '',
    '命令：',
    ...lines,
    '',
    '选项：',
    '  --json            结果以一个 JSON 对象输出到 stdout',
    '  --as <用户名>     以该员工的身份操作（其角色决定能做什么，并记入变更记录）；不加时以内置的“系统”身份操作',
    '',
    '退出码：0 成功，1 操作失败，2 命令或参数有误。',
  ].join('\n');
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
    const extra = positionals.slice(command.positionals ?? 0);
    if (extra.length > 0) throw new CliUsageError(`多余的参数：${extra.join(' ')}`);
    const output = await withCliStderr(io.stderr, () => command.run(values, positionals));
    for (const notice of output.notices ?? []) io.stderr(`${notice}\n`);
    io.stdout((json ? JSON.stringify(output.json) : output.text) + '\n');
    return output.exitCode ?? 0;
  } catch (err) {
    const usage = err instanceof CliUsageError ? err.message : parseArgsProblem(err);
    if (usage !== null) {
      if (json) io.stdout(JSON.stringify({ error: { code: 'USAGE', message: `参数错误：${usage}` } }) + '\n');
      io.stderr(`参数错误：${usage}\n用法：${INVOCATION} ${command.usage}\n`);
      return 2;
    }
    const error = describeFailure(err);
    if (json) io.stdout(JSON.stringify({ error }) + '\n');
    io.stderr(`${error.message}\n`);
    return 1;
  }
}
