import { useState } from 'react';
import { formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { formatCount } from '../../format';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { deliverPrint } from '../handover/deliver-print';

/**
 * 打印走访路线单 for the village chosen in the worklists' filter (and its manager, when one is
 * chosen): the village's worklist loans in register order, A4 landscape.
 */
export function RouteSheetButton({ villageId, managerId, asOf, onNotice }: { villageId: string; managerId?: string; asOf?: string; onNotice(kind: 'error' | 'success', text: string): void }) {
  const { handleSessionError } = useSession();
  const [busy, setBusy] = useState(false);

  async function print() {
    setBusy(true);
    try {
      const outcome = await call('routeSheet.print', { villageId, ...(managerId ? { managerId } : {}), ...(asOf ? { asOf } : {}), deliver: 'preview' });
      onNotice('success', `走访路线单共 ${formatCount(outcome.rows)} 笔，应还 ${formatYuan(outcome.amountDueFen)} 元。${deliverPrint(outcome)}`);
    } catch (err) {
      if (!handleSessionError(err)) onNotice('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" className="btn" onClick={() => void print()} disabled={busy} data-testid="route-sheet-print">
      {busy ? '正在生成…' : '打印走访路线单'}
    </button>
  );
}
