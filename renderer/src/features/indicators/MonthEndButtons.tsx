import { useState } from 'react';
import type { PrintOutcome } from '../../../../electron/shared/api/register';
import { call } from '../../api/client';
import { downloadFile } from '../../files';
import { useSession } from '../../session/session';
import type { PageNotice } from '../../ui/DismissibleNotice';
import { errorMessage } from '../../ui/errors';

type Output = 'report' | 'pdf' | 'xlsx';

/** 打印月报 (the chosen manager's month on one A4 page) and 月末材料 as PDF or Excel, for the month. */
export function MonthEndButtons({ month, managerId, managerName, onNotice }: { month: string; managerId: string; managerName: string | null; onNotice(n: PageNotice): void }) {
  const { handleSessionError } = useSession();
  const [busy, setBusy] = useState<Output | null>(null);

  async function output(kind: Output) {
    setBusy(kind);
    onNotice(null);
    try {
      const out: PrintOutcome =
        kind === 'report' ? await call('monthEnd.managerReport', { month, managerId, deliver: 'preview' }) : await call('monthEnd.pack', { month, format: kind, deliver: kind === 'pdf' ? 'preview' : 'file' });
      if (out.kind === 'preview') onNotice({ kind: 'success', text: `已在打印预览窗口中打开 ${out.fileName}（A4）。` });
      else {
        downloadFile(out.file);
        onNotice({ kind: 'success', text: kind === 'xlsx' ? `已导出 ${out.file.fileName}。` : `已生成 ${out.file.fileName}，请在 PDF 阅读器中打开并打印（A4）。` });
      }
    } catch (err) {
      if (!handleSessionError(err)) onNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => void output('report')}
        disabled={busy !== null || managerId === ''}
        title={managerId === '' ? '先在“客户经理”中选择一名客户经理' : `打印 ${managerName ?? ''} 本月的月报（一页 A4）`}
        data-testid="indicator-manager-report"
      >
        {busy === 'report' ? '正在生成…' : '打印月报'}
      </button>
      <button type="button" className="btn" onClick={() => void output('pdf')} disabled={busy !== null} data-testid="indicator-pack-pdf">
        {busy === 'pdf' ? '正在生成…' : '月末材料 PDF'}
      </button>
      <button type="button" className="btn" onClick={() => void output('xlsx')} disabled={busy !== null} data-testid="indicator-pack-xlsx">
        {busy === 'xlsx' ? '正在导出…' : '月末材料 Excel'}
      </button>
    </>
  );
}
