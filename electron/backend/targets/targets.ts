import { BOARD_DEFINITIONS, type RankingBoard } from '../../shared/api/targets';
import type { FileDownload, PrintOutcome } from '../../shared/api/register';
import { formatLocalDateTime } from '../../shared/local-time';
import { readSettings } from '../auth/settings';
import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import { deliverPdf } from '../print/deliver-pdf';
import { recordPrint } from '../print/printed-document';
import { AppError } from '../rpc/app-error';
import type { HandlerApp, Writer } from '../rpc/handler-types';
import { boardDateNote, boardHtml, monthLabel } from './board-html';
import { tableWorkbook, XLSX_MIME } from './table-workbook';

export interface TargetInput {
  managerId: string;
  recoveredPrincipalFen: number;
  clearedLoans: number;
  contacts: number;
}

/** Upserts one row per (manager, month). Targets belong to staff who can manage loans: account managers (active or not). */
export async function setTargets(w: WriteContext, month: string, targets: TargetInput[]): Promise<{ saved: number }> {
  const ids = targets.map((t) => t.managerId);
  const staff = await w.trx.selectFrom('staff').select(['id', 'role']).where('id', 'in', ids).execute();
  if (staff.length < ids.length) throw new AppError('NOT_FOUND', '找不到所选的客户经理，请刷新后重试。', `targets.set: unknown staff among ${ids.join(', ')}`);
  const existing = new Map((await w.trx.selectFrom('manager_targets').selectAll().where('month', '=', month).where('manager_id', 'in', ids).execute()).map((r) => [r.manager_id, r]));
  for (const t of targets) {
    const values = { recovered_principal_fen: t.recoveredPrincipalFen, cleared_loans: t.clearedLoans, contacts: t.contacts };
    const before = existing.get(t.managerId);
    if (before) await w.update('manager_targets', before, values);
    else await w.insert('manager_targets', { manager_id: t.managerId, month, ...values });
  }
  return { saved: targets.length };
}

function boardCells(board: RankingBoard) {
  return board.rows.map((r) => [
    r.rank,
    r.name + (r.active ? '' : '（停用）'),
    r.targets.recoveredPrincipalFen,
    r.results.recoveredPrincipalFen,
    r.rates.recoveredPrincipal,
    r.targets.clearedLoans,
    r.results.clearedLoans,
    r.rates.clearedLoans,
    r.targets.contacts,
    r.results.contacts,
    r.rates.contacts,
    r.score,
  ]);
}

export async function boardWorkbook(board: RankingBoard, branchName: string): Promise<FileDownload> {
  const title = `${monthLabel(board.month)}客户经理业绩排名`;
  const bytes = await tableWorkbook({
    sheetName: '业绩排名',
    title: [branchName, title].filter(Boolean).join(' '),
    note: boardDateNote(board),
    columns: [
      { label: '名次', width: 6, kind: 'int' },
      { label: '客户经理', width: 12, kind: 'text' },
      { label: '收回逾期本金目标(元)', width: 18, kind: 'money' },
      { label: '收回逾期本金(元)', width: 16, kind: 'money' },
      { label: '完成率', width: 9, kind: 'percent' },
      { label: '清收笔数目标', width: 12, kind: 'int' },
      { label: '清收逾期贷款笔数', width: 14, kind: 'int' },
      { label: '完成率', width: 9, kind: 'percent' },
      { label: '联系次数目标', width: 12, kind: 'int' },
      { label: '联系次数', width: 10, kind: 'int' },
      { label: '完成率', width: 9, kind: 'percent' },
      { label: '综合得分', width: 10, kind: 'percent' },
    ],
    rows: boardCells(board),
    footRows: [[null, '合计', null, board.totals.recoveredPrincipalFen, null, null, board.totals.clearedLoans, null, null, board.totals.contacts, null, null]],
    notes: ['', '说明：', ...BOARD_DEFINITIONS],
  });
  return { fileName: `业绩排名-${board.month}.xlsx`, mimeType: XLSX_MIME, contentBase64: Buffer.from(bytes).toString('base64') };
}

export async function branchName(db: ReadDb): Promise<string> {
  return (await readSettings(db)).branch_name ?? '';
}

/**
 * Renders the board and records the paper in printed_documents (kind 'ranking-board', the board
 * as printed in figures_json, the PDF's SHA-256, who); a render that fails records nothing.
 */
export async function printBoard(
  app: Pick<HandlerApp, 'pdf' | 'viewDocument'>,
  write: Writer,
  board: RankingBoard,
  name: string,
  deliver: 'file' | 'preview',
  signal: AbortSignal,
): Promise<PrintOutcome> {
  const { html, options } = boardHtml(board, name, formatLocalDateTime(Date.now()));
  const pdf = await app.pdf().renderPdf(html, options, signal);
  const title = `${monthLabel(board.month)}客户经理业绩排名`;
  await write((w) => recordPrint(w, { kind: 'ranking-board', docNo: null, title, figures: board, pdf }));
  return deliverPdf(app, pdf, `${title}.pdf`, deliver);
}
