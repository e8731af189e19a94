import type { NoticeProgress, NoticeScope } from '../../../../electron/shared/api/notices';
import type { WorklistOptions } from '../../../../electron/shared/api/worklists';
import { formatCount } from '../../format';

/** Words for a batch's scope and its progress, as the issue panel shows them. */

export const STAGE_LABELS: Record<NoticeProgress['stage'], string> = {
  numbering: '正在编号',
  rendering: '正在生成通知书',
  saving: '正在保存 PDF',
};

export function scopeLabel(scope: NoticeScope, options: WorklistOptions | null, loansLabel: string): string {
  switch (scope.by) {
    case 'village': {
      const v = options?.villages.find((x) => x.id === scope.villageId);
      return v ? `${v.township} ${v.name}` : '所选村';
    }
    case 'manager':
      return scope.managerId === null ? '未分配客户经理的贷款' : `客户经理 ${options?.managers.find((m) => m.id === scope.managerId)?.name ?? ''} 管户的贷款`;
    case 'branch':
      return '全行';
    case 'loans':
      return loansLabel || `所选 ${formatCount(scope.loanIds.length)} 笔贷款`;
  }
}

/** 0–100 for the progress bar; null (a moving bar) while nothing is counted yet, such as while Chromium renders the whole batch. */
export function progressPercent(p: NoticeProgress | null): number | null {
  if (!p || p.total <= 0 || (p.done === 0 && p.stage !== 'numbering')) return null;
  return Math.min(100, Math.round((p.done / p.total) * 100));
}
