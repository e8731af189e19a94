import type { NoticeKind } from '../../../../electron/shared/notices';
import { formatCount } from '../../format';
import { openNoticeIssue } from './notice-request';

/**
 * 发通知书 on another page (a worklist, the register): opens 发放通知书 with the loans ticked
 * there. `picked` reads the grid's selection when pressed; with nothing ticked, `fallback` (a
 * village chosen, say) or a reminder to tick.
 */
export function NoticeIssueButton({
  picked,
  source,
  kind,
  fallback,
  onNotice,
}: {
  picked(): string[];
  /** Where the loans were ticked, for the issue page: "工作清单". */
  source: string;
  kind?: NoticeKind;
  fallback?: () => void;
  onNotice(text: string): void;
}) {
  return (
    <button
      type="button"
      className="btn"
      onClick={() => {
        const loanIds = picked();
        if (loanIds.length > 0) openNoticeIssue({ scope: { by: 'loans', loanIds }, label: `${source}中勾选的 ${formatCount(loanIds.length)} 笔贷款`, kind });
        else if (fallback) fallback();
        else onNotice('请先勾选要发通知书的贷款。');
      }}
      data-testid="notice-issue-open"
    >
      发通知书
    </button>
  );
}
