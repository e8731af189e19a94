import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkHqInput, archiveReceiptInputSchema, messageInputSchema } from '../hq/hq-inputs';
import { recordMessage } from '../hq/writes/record-message';
import { initHqKeys, loadHqKeys } from '../hq/hq-keys';
import { ingestPackages, packageFiles } from '../hq/ingest';
import { branchReport } from '../hq/report';
import { withHq } from '../hq/with-hq';
import { buildHqPackage } from '../hq/writes/build-hq-package';
import { resendHqPackage } from '../hq/writes/resend-hq-package';
import { recordArchiveReceipt } from '../hq/writes/record-archive-receipt';
import { registerBranch } from '../hq/writes/register-branch';
import { recordReferenceRows } from '../hq/writes/record-reference-rows';
import { REFERENCE_TABLE_NAMES, REFERENCE_TABLES, type ReferenceTable } from '../hq/reference-tables';
import { writeFileSafely } from '../sync/write-file-safely';
import { CliUsageError, optionalInt, requireString, type CliCommand, type CliOptions, type CliValues } from './command';
import { ORG_CODE_MESSAGE, ORG_CODE_PATTERN } from '../../shared/org-code';

const PG: CliOptions = { pg: { type: 'string' } };
const DIR: CliOptions = { dir: { type: 'string' } };
const AS: CliOptions = { as: { type: 'string' } };

/** Who head office's change log names: `--as <name>`, or the command line itself. */
function hqActor(values: CliValues): string {
  const as = values.as;
  if (as === undefined) return '系统（命令行）';
  if (typeof as !== 'string' || as.trim() === '') throw new CliUsageError('--as 后面应写操作人');
  return as.trim();
}

const dirOf = (values: CliValues) => path.resolve(requireString(values, 'dir'));

/** `hq init --dir <dir>`: head office's keys, and the identity file branches import. */
export const hqInitCommand: CliCommand = {
  words: ['hq', 'init'],
  summary: '总行：生成总行密钥，并写出交各支行导入的总行身份文件',
  usage: 'hq init --dir <总行目录> [--code <机构号，默认 HQ>] [--name <名称，默认 总行>] [--json]',
  options: { ...DIR, code: { type: 'string' }, name: { type: 'string' } },
  async run(values) {
    const code = typeof values.code === 'string' ? values.code.trim() : 'HQ';
    const name = typeof values.name === 'string' ? values.name.trim() : '总行';
    if (!ORG_CODE_PATTERN.test(code)) throw new CliUsageError(`--code：${ORG_CODE_MESSAGE}`);
    if (name === '' || name.length > 50) throw new CliUsageError('--name 应为 1–50 个字');
    const { identityFile, keys } = await initHqKeys(dirOf(values), code, name);
    return { json: { identity: identityFile }, text: `已生成总行密钥。总行身份文件：${identityFile}（交各支行导入）。密钥指纹：${keys.fingerprint}` };
  },
};

/** `hq register --dir <dir> --branch-identity <file> --pg <url>`: pins a branch's key. */
export const hqRegisterCommand: CliCommand = {
  words: ['hq', 'register'],
  summary: '总行：登记支行的身份文件（固定其密钥，此后只接收该密钥签名的包）',
  usage: 'hq register --dir <总行目录> --branch-identity <支行身份文件> --pg <数据库地址> [--as <操作人>] [--json]',
  options: { ...DIR, ...PG, ...AS, 'branch-identity': { type: 'string' } },
  async run(values) {
    await loadHqKeys(dirOf(values));
    const identity = await readFile(path.resolve(requireString(values, 'branch-identity')), 'utf8');
    const branch = await withHq(requireString(values, 'pg'), (conn) => registerBranch(conn.db, hqActor(values), identity));
    return { json: branch, text: `${branch.created ? '已登记' : '早已登记'}支行 ${branch.name}（${branch.code}），密钥指纹：${branch.fingerprint}` };
  },
};

/** `hq ingest <folder|package> --dir <dir> --pg <url>`: takes in branch packages. */
export const hqIngestCommand: CliCommand = {
  words: ['hq', 'ingest'],
  summary: '总行：导入支行的同步包（文件夹中的全部包，或一个包）：已导入的跳过，缺号的暂存，有问题的拒收并说明原因',
  usage: 'hq ingest <文件夹或同步包> --dir <总行目录> --pg <数据库地址> [--as <操作人>] [--json]',
  options: { ...DIR, ...PG, ...AS },
  positionals: 1,
  async run(values, positionals) {
    const target = positionals[0];
    if (!target) throw new CliUsageError('请指定文件夹或同步包文件');
    const dir = dirOf(values);
    const keys = await loadHqKeys(dir);
    const files = await packageFiles(path.resolve(target));
    const result = await withHq(requireString(values, 'pg'), (conn) => ingestPackages(conn, keys, dir, files, hqActor(values)));
    const lines = [`导入 ${result.applied} 个，跳过 ${result.skipped} 个，暂存 ${result.held} 个，拒收 ${result.refused.length} 个。`, ...result.refused.map((r) => `  拒收 ${r.package}：${r.reason}`)];
    return { json: result, text: lines.join('\n'), exitCode: result.refused.length > 0 || result.held > 0 ? 1 : 0 };
  },
};

/** `hq export --dir <dir> --pg <url> --branch <code> --out <folder>`: the next package for a branch, into <folder>/<head office code>/. */
export const hqExportCommand: CliCommand = {
  words: ['hq', 'export'],
  summary: '总行：生成发往某支行的同步包（档案签收等），写入指定文件夹中总行的子文件夹；--resend 重新写出已生成的某号包（原包丢失时）',
  usage: 'hq export --dir <总行目录> --pg <数据库地址> --branch <机构号> --out <文件夹> [--resend <包编号>] [--as <操作人>] [--json]',
  options: { ...DIR, ...PG, ...AS, branch: { type: 'string' }, out: { type: 'string' }, resend: { type: 'string' } },
  async run(values) {
    const keys = await loadHqKeys(dirOf(values));
    const folder = path.resolve(requireString(values, 'out'));
    const branch = requireString(values, 'branch').trim();
    const resend = optionalInt(values, 'resend');
    if (resend !== undefined && resend < 1) throw new CliUsageError(`--resend 应为已生成的包编号（从 1 起）：${resend}`);
    const built = await withHq(requireString(values, 'pg'), (conn) =>
      resend === undefined ? buildHqPackage(conn.db, keys, branch, hqActor(values)) : resendHqPackage(conn.db, branch, resend, hqActor(values)),
    );
    const target = path.join(folder, keys.secret.code, built.fileName);
    await writeFileSafely(target, built.bytes);
    const what = resend === undefined ? `已生成发往 ${branch} 的第 ${built.seq} 号同步包` : `已重新写出发往 ${branch} 的第 ${built.seq} 号同步包（与当初生成的完全相同）`;
    return { json: { package: target, seq: built.seq, rows: built.rows }, text: `${what}（${built.rows} 行）：${target}。可以拔出 U 盘。` };
  },
};

function discrepancyOf(text: string): { loanNo: string; reason: string } {
  const at = text.indexOf('=');
  if (at <= 0) throw new CliUsageError(`--discrepancy 应写成 <借据号>=<差异说明>：${text}`);
  return { loanNo: text.slice(0, at).trim(), reason: text.slice(at + 1).trim() };
}

/** `hq archive-receipt …`: head office's receipt of a hand-over batch, sent to the branch in the next `hq export`. */
export const hqArchiveReceiptCommand: CliCommand = {
  words: ['hq', 'archive-receipt'],
  summary: '总行：登记支行移交档案批次的签收结果（签收或差异），随下一个发往该支行的同步包下发',
  usage: 'hq archive-receipt --dir <总行目录> --pg <数据库地址> --branch <机构号> --batch <批次号> --received <借据号,...> [--discrepancy <借据号>=<差异说明>]... [--received-on <YYYY-MM-DD>] [--as <操作人>] [--json]',
  options: { ...DIR, ...PG, ...AS, branch: { type: 'string' }, batch: { type: 'string' }, received: { type: 'string' }, discrepancy: { type: 'string', multiple: true }, 'received-on': { type: 'string' } },
  async run(values) {
    await loadHqKeys(dirOf(values));
    const received = typeof values.received === 'string' ? values.received.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
    const discrepancies = (Array.isArray(values.discrepancy) ? values.discrepancy : []).map(discrepancyOf);
    const input = checkHqInput(archiveReceiptInputSchema, {
      branch: requireString(values, 'branch'),
      batchNo: requireString(values, 'batch'),
      received,
      discrepancies,
      ...(typeof values['received-on'] === 'string' ? { receivedOn: values['received-on'] } : {}),
    });
    const outcome = await withHq(requireString(values, 'pg'), (conn) => recordArchiveReceipt(conn.db, hqActor(values), input));
    return { json: outcome, text: `已登记 ${outcome.branch} 批次 ${outcome.batchNo} 的签收：签收 ${outcome.received} 份，有差异 ${outcome.discrepancies} 份。将随下一个发往该支行的同步包下发。` };
  },
};

/** `hq report --pg <url>`: one line per branch. */
export const hqReportCommand: CliCommand = {
  words: ['hq', 'report'],
  summary: '总行：各支行汇总（最近的包、贷款与逾期、通知书与回执、档案状态）',
  usage: 'hq report --pg <数据库地址> [--json]',
  options: { ...PG },
  async run(values) {
    const branches = await withHq(requireString(values, 'pg'), (conn) => branchReport(conn.db));
    const text = branches
      .map((b) => `${b.code} ${b.name}：第 ${b.lastSeq} 号包；贷款 ${b.loans ?? '—'} 笔，逾期 ${b.overdueLoans ?? '—'} 笔；通知书 ${b.notices} 份，回执 ${b.receipts} 份；档案 ${Object.entries(b.archiveByStatus).map(([s, n]) => `${s} ${n}`).join('，') || '—'}`)
      .join('\n');
    return { json: { branches }, text: text || '尚未登记任何支行。' };
  },
};

/** `hq reference --table <t> --file <rows.json> [--branch <code>]`: head office's reference data for one branch or all, sent in their next packages. */
export const hqReferenceCommand: CliCommand = {
  words: ['hq', 'reference'],
  summary: '总行：下发参考数据（节假日与调休、档案资料目录、通知书模板）给一个或全部支行，随下一个同步包下发；此后支行不能自行修改该项',
  usage: `hq reference --dir <总行目录> --pg <数据库地址> --table <${REFERENCE_TABLE_NAMES.join('|')}> --file <JSON 数组文件> [--branch <机构号，默认全部>] [--as <操作人>] [--json]`,
  options: { ...DIR, ...PG, ...AS, table: { type: 'string' }, file: { type: 'string' }, branch: { type: 'string' } },
  async run(values) {
    await loadHqKeys(dirOf(values));
    const table = requireString(values, 'table');
    if (!(REFERENCE_TABLE_NAMES as string[]).includes(table)) throw new CliUsageError(`--table 应为 ${REFERENCE_TABLE_NAMES.join('、')} 之一`);
    const file = path.resolve(requireString(values, 'file'));
    let rows: unknown;
    try {
      rows = JSON.parse((await readFile(file, 'utf8')).replace(/^\ufeff/, ''));
    } catch {
      throw new CliUsageError(`${file} 不是有效的 JSON 文件`);
    }
    if (!Array.isArray(rows)) throw new CliUsageError(`${file} 应为 JSON 数组，每个元素一行`);
    const branch = typeof values.branch === 'string' ? values.branch.trim() : null;
    const outcome = await withHq(requireString(values, 'pg'), (conn) => recordReferenceRows(conn.db, hqActor(values), table as ReferenceTable, rows, branch));
    return {
      json: outcome,
      text: `${REFERENCE_TABLES[outcome.table].label}：${outcome.rows} 行，发往 ${outcome.branches.length} 个支行（${outcome.branches.join('、') || '无'}），${outcome.changed} 行有变化，随下一个同步包下发。`,
    };
  },
};

/** `hq message --title <t> --text <text> [--branch <code>]`: head office's notice to one branch or all, sent in their next packages. */
export const hqMessageCommand: CliCommand = {
  words: ['hq', 'message'],
  summary: '总行：给一个或全部支行发通知（文字），随下一个同步包下发，支行在“同步”页查看',
  usage: 'hq message --dir <总行目录> --pg <数据库地址> --title <标题> --text <内容> [--branch <机构号，默认全部>] [--as <操作人>] [--json]',
  options: { ...DIR, ...PG, ...AS, title: { type: 'string' }, text: { type: 'string' }, branch: { type: 'string' } },
  async run(values) {
    await loadHqKeys(dirOf(values));
    const message = checkHqInput(messageInputSchema, { title: requireString(values, 'title'), body: requireString(values, 'text') });
    const branch = typeof values.branch === 'string' ? values.branch.trim() : null;
    const outcome = await withHq(requireString(values, 'pg'), (conn) => recordMessage(conn.db, hqActor(values), message, branch));
    return { json: outcome, text: `通知“${outcome.title}”已登记，发往 ${outcome.branches.length} 个支行（${outcome.branches.join('、') || '无'}），随下一个同步包下发。` };
  },
};
