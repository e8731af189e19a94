import { useState, type FormEvent } from 'react';
import type { ArchiveBatchView, ArchiveReceiptOutcome } from '../../../../electron/shared/api/archive-handover';
import { isBusinessDate, parseBusinessDate, todayLocal } from '../../../../electron/shared/dates';
import { useRpcQuery } from '../../api/useRpcQuery';
import { call } from '../../api/client';
import { DateInput } from '../../ui/DateInput';
import { DialogSaveFooter } from '../../ui/DialogSaveFooter';
import { LoadStatus } from '../../ui/LoadStatus';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { Modal } from './ArchiveDialogs';

type Result = { status: 'received' | 'discrepancy'; reason: string };

/**
 * 录入回执: head office's receipt of a batch typed in from its signed paper: per file 已签收 or
 * 有差异 (with the discrepancy), who signed and when. Every file of the batch is sent.
 */
export function ReceiptDialog({ batch, onClose, onApplied }: { batch: ArchiveBatchView; onClose(): void; onApplied(outcome: ArchiveReceiptOutcome): void }) {
  const lines = useRpcQuery('archiveBatches.lines', { batchId: batch.id });
  const { busy, formError, setFormError, errors, run } = useFormSubmit();
  const [results, setResults] = useState<Record<string, Result>>({});
  const [receivedBy, setReceivedBy] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayLocal());

  const resultOf = (fileId: string): Result => results[fileId] ?? { status: 'received', reason: '' };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (lines.state.status !== 'ready') return;
    const on = parseBusinessDate(receivedOn.trim());
    if (on === null || !isBusinessDate(on)) return setFormError('签收日期无效，应为 YYYY-MM-DD');
    if (receivedBy.trim() === '') return setFormError('请填写总行签收人');
    const all = lines.state.data.map((l) => ({ fileId: l.fileId, ...resultOf(l.fileId) }));
    if (all.some((r) => r.status === 'discrepancy' && r.reason.trim() === '')) return setFormError('有差异的档案请写明差异');
    void run(async () => {
      onApplied(await call('archiveBatches.receiptByHand', { batchId: batch.id, receivedBy, receivedOn: on, results: all }));
      onClose();
    });
  }

  return (
    <Modal title={`录入回执：${batch.batchNo}`} testId="archive-receipt-dialog" wide onClose={onClose}>
        <form noValidate onSubmit={submit}>
          <LoadStatus state={lines.state} />
          {lines.state.status === 'ready' ? (
            <div className="handover-scroll">
              <table className="handover-table" data-testid="archive-receipt-lines">
                <thead>
                  <tr>
                    <th>借据号</th>
                    <th>借款人</th>
                    <th className="num">页数</th>
                    <th>总行签收</th>
                    <th>差异</th>
                  </tr>
                </thead>
                <tbody>
                  {lines.state.data.map((l) => {
                    const r = resultOf(l.fileId);
                    const set = (patch: Partial<Result>) => setResults((all) => ({ ...all, [l.fileId]: { ...r, ...patch } }));
                    return (
                      <tr key={l.fileId} data-testid="archive-receipt-line" data-loan={l.loanNo}>
                        <td className="mono">{l.loanNo}</td>
                        <td>{l.borrower}</td>
                        <td className="num">{l.pages}</td>
                        <td>
                          <select value={r.status} onChange={(e) => set({ status: e.target.value as Result['status'] })} aria-label={`${l.loanNo} 签收结果`} data-testid="archive-receipt-status">
                            <option value="received">已签收</option>
                            <option value="discrepancy">有差异</option>
                          </select>
                        </td>
                        <td>
                          <input
                            value={r.reason}
                            disabled={r.status !== 'discrepancy'}
                            onChange={(e) => set({ reason: e.target.value })}
                            maxLength={200}
                            placeholder={r.status === 'discrepancy' ? '差异说明（必填）' : ''}
                            aria-label={`${l.loanNo} 差异说明`}
                            data-testid="archive-receipt-reason"
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
          <div className="handover-form">
            <label>
              总行签收人
              <input value={receivedBy} onChange={(e) => setReceivedBy(e.target.value)} maxLength={50} aria-invalid={errors.receivedBy ? true : undefined} data-testid="archive-receipt-by" />
            </label>
            <label>
              签收日期
              <DateInput value={receivedOn} onChange={setReceivedOn} data-testid="archive-receipt-on" />
            </label>
          </div>
          <DialogSaveFooter error={formError} errorTestId="archive-receipt-error" busy={busy} label="确认回执" saveTestId="archive-receipt-save" onCancel={onClose} />
        </form>
    </Modal>
  );
}
