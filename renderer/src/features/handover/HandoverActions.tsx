import type { RowSelectionOptions } from 'ag-grid-community';
import { useState } from 'react';
import type { WorklistRow } from '../../../../electron/shared/api/worklists';
import { useSession } from '../../session/session';
import { HandOverDialog } from './HandOverDialog';
import { HandoverBatchesDialog } from './HandoverBatchesDialog';

/** The branch head and admins hand loans over (the backend checks it too). */
const HANDING_OVER_ROLES = ['head', 'admin'];

/**
 * The 待移交风险资产部 tab's buttons: 移交所选贷款 (the rows ticked in the grid) and 移交记录.
 * `picked` reads the grid's selection when the button is pressed.
 */
export function HandoverActions({ picked, onHandedOver, onNotice }: { picked(): WorklistRow[]; onHandedOver(): void; onNotice(text: string): void }) {
  const { user } = useSession();
  const [rows, setRows] = useState<WorklistRow[] | null>(null);
  const [showBatches, setShowBatches] = useState(false);
  const mayHandOver = HANDING_OVER_ROLES.includes(user.role);

  return (
    <>
      {mayHandOver ? (
        <button
          type="button"
          className="btn"
          onClick={() => {
            const selected = picked();
            if (selected.length === 0) onNotice('请先勾选要移交的贷款。');
            else setRows(selected);
          }}
          data-testid="handover-open"
        >
          移交所选贷款
        </button>
      ) : null}
      <button type="button" className="btn" onClick={() => setShowBatches(true)} data-testid="handover-batches-open">
        移交记录
      </button>
      {rows ? <HandOverDialog rows={rows} onClose={() => setRows(null)} onHandedOver={onHandedOver} /> : null}
      {showBatches ? <HandoverBatchesDialog onClose={() => setShowBatches(false)} mayReturn={mayHandOver} onReturned={onHandedOver} /> : null}
    </>
  );
}

/** Tick boxes on the worklist grid's rows: the loans 移交所选贷款, 登记法律措施 and 短信提醒 act on. */
export const WORKLIST_ROW_SELECTION: RowSelectionOptions = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false };
