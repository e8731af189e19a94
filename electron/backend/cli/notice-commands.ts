import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { NoticeScope } from '../../shared/api/notices';
import { formatYuan } from '../../shared/money';
import { NOTICE_KIND_LABELS, NOTICE_KINDS, type NoticeKind } from '../../shared/notices';
import type { AppContext } from '../app-context';
import { AppError } from '../rpc/app-error';
import { callRpc, checkInput } from './call-rpc';
import { actingAs, AS_OPTION, CliUsageError, requireString, type CliCommand, type CliValues } from './command';
import { withApp } from './with-database';

const optional = (values: CliValues, name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : undefined);

/** A village by its name (`刘家会村`) or with its township (`白文镇刘家会村`); one, or an error naming the candidates. */
async function villageByName(app: AppContext, name: string): Promise<string> {
  const rows = await app.db.selectFrom('villages').select(['id', 'township', 'name']).execute();
  const found = rows.filter((v) => v.name === name || `${v.township}${v.name}` === name);
  if (found.length === 1) return found[0].id;
  if (found.length === 0) throw new AppError('NOT_FOUND', `找不到村：${name}`, `notices issue: no village ${name}`);
  throw new AppError('AMBIGUOUS', `有 ${found.length} 个村叫“${name}”，请连乡镇一起写：${found.map((v) => `${v.township}${v.name}`).join('、')}`, `notices issue: village ${name} is ambiguous`);
}

/** A manager by display name or username. */
async function managerByName(app: AppContext, name: string): Promise<string> {
  const rows = await app.db.selectFrom('staff').select(['id', 'display_name', 'username']).where((eb) => eb.or([eb('display_name', '=', name), eb('username', '=', name)])).execute();
  if (rows.length === 1) return rows[0].id;
  if (rows.length === 0) throw new AppError('NOT_FOUND', `找不到客户经理：${name}`, `notices issue: no staff ${name}`);
  throw new AppError('AMBIGUOUS', `有 ${rows.length} 位员工叫“${name}”，请改用用户名。`, `notices issue: staff ${name} is ambiguous`);
}

/**
 * `notices issue --db <db> --type <kind> --as-of <date> [--village <村>] [--manager <客户经理>] --out <file.pdf>`:
 * issues a numbered batch as 发放通知书 does and writes its PDF (the copy in the data folder is kept too).
 */
export const noticesIssueCommand: CliCommand = {
  words: ['notices', 'issue'],
  summary: '按村或客户经理批量出具编号通知书，生成一个 PDF 文件',
  usage:
    'notices issue --db <数据库文件> --type <reminder|overdue|guarantor|confirmation> [--as-of YYYY-MM-DD] [--village <村名>] [--manager <客户经理>] [--with-guarantors] --out <文件.pdf> [--as <用户名>] [--json]',
  options: {
    db: { type: 'string' },
    type: { type: 'string' },
    'as-of': { type: 'string' },
    village: { type: 'string' },
    manager: { type: 'string' },
    'with-guarantors': { type: 'boolean' },
    out: { type: 'string' },
    ...AS_OPTION,
  },
  async run(values) {
    const kind = requireString(values, 'type') as NoticeKind;
    if (!NOTICE_KINDS.includes(kind)) throw new CliUsageError(`--type 应为 ${NOTICE_KINDS.join('、')} 之一：${kind}`);
    const village = optional(values, 'village');
    const manager = optional(values, 'manager');
    if (village && manager) throw new CliUsageError('--village 和 --manager 只能选一个');
    const asOf = optional(values, 'as-of');
    const withGuarantors = values['with-guarantors'] === true;
    checkInput('notices.issue', { kind, scope: { by: 'branch' }, asOf, withGuarantors, deliver: 'file' }, { asOf: `--as-of ${asOf}` });
    const out = path.resolve(requireString(values, 'out'));
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);

    const outcome = await withApp(dbPath, 'existing', async (app) => {
      const scope: NoticeScope = village
        ? { by: 'village', villageId: await villageByName(app, village) }
        : manager
          ? { by: 'manager', managerId: await managerByName(app, manager) }
          : { by: 'branch' };
      try {
        return await callRpc(app, as, 'notices.issue', { kind, scope, asOf, withGuarantors, deliver: 'file' });
      } catch (err) {
        if (err instanceof AppError && err.code === 'NOTHING_TO_ISSUE') return null;
        throw err;
      }
    });
    if (!outcome) {
      return {
        json: { issued: 0, numbers: null, pdf: null, sha256: null },
        text: `范围内没有需要发放${NOTICE_KIND_LABELS[kind]}的贷款，未出具。`,
      };
    }
    if (outcome.print.kind !== 'file') throw new Error('notices issue: expected the PDF as a file');
    const pdf = Buffer.from(outcome.print.file.contentBase64, 'base64');
    await writeFile(out, pdf);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const range = outcome.numbers ? `${outcome.numbers[0]} 至 ${outcome.numbers[1]}` : '';
    return {
      json: { issued: outcome.issued, numbers: outcome.numbers, pdf: out, sha256 },
      text: `已出具${NOTICE_KIND_LABELS[kind]} ${outcome.issued} 份 ${range}，PDF：${out}（SHA-256 ${sha256}）`,
    };
  },
};

/** `notices receipt <编号> --db <db> [--date <date>]`: a receipt back, as the scan field records it. */
export const noticesReceiptCommand: CliCommand = {
  words: ['notices', 'receipt'],
  summary: '登记通知书回执已收回（按编号或条码）',
  usage: 'notices receipt <编号或条码> --db <数据库文件> [--date YYYY-MM-DD] [--signer <签收人>] [--as <用户名>] [--json]',
  options: { db: { type: 'string' }, date: { type: 'string' }, signer: { type: 'string' }, ...AS_OPTION },
  positionals: 1,
  async run(values, positionals) {
    const code = positionals[0];
    if (!code) throw new CliUsageError('缺少通知书编号');
    const receiptOn = optional(values, 'date');
    const input = { code, receiptOn, signer: optional(values, 'signer') ?? '' };
    checkInput('notices.scanReceipt', input, { receiptOn: `--date ${receiptOn}`, code: '编号' });
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const scanned = await withApp(dbPath, 'existing', (app) => callRpc(app, as, 'notices.scanReceipt', input));
    return {
      json: scanned,
      text: `已登记回执收回：${scanned.noticeNo}，${scanned.addressee}（借款人 ${scanned.borrowerName}，借据 ${scanned.loanNo}），金额 ${formatYuan(scanned.amountFen)} 元，签收日期 ${scanned.receiptOn}。`,
    };
  },
};
