import { Fragment, useEffect, useRef, useState } from 'react';
import { formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatCount } from '../../format';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { deliverPrint } from './deliver-print';
import { HandoverLines } from './HandoverLines';
import './handover.css';

/** 移交记录: every hand-over batch to the risk-asset unit, newest first, each with its transmittal list to print again. */
export function HandoverBatchesDialog({ onClose, mayReturn, onReturned }: { onClose(): void; mayReturn: boolean; onReturned(): void }) {
  const { handleSessionError } = useSession();
  const [openId, setOpenId] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [version, setVersion] = useState(0);
  const batches = useRpcQuery('handover.batches', {}, version);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function print(batchId: string) {
    setBusyId(batchId);
    setNotice(null);
    try {
      setNotice({ kind: 'success', text: deliverPrint(await call('handover.printTransmittal', { batchId, deliver: 'preview' })) });
      setVersion((v) => v + 1);
    } catch (err) {
      if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusyId(null);
    }
  }

  return (
    <dialog ref={dialogRef} className="handover-dialog handover-wide" aria-labelledby="handover-batches-title" onClose={onClose} data-testid="handover-batches">
      <h2 id="handover-batches-title">移交记录（风险资产部）</h2>
      {batches.state.status === 'loading' ? <p className="muted">正在加载…</p> : null}
      {batches.state.status === 'error' ? (
        <div className="alert alert-error" role="alert">
          {batches.state.message}
        </div>
      ) : null}
      {batches.state.status === 'ready' ? (
        batches.state.data.length === 0 ? (
          <p className="muted">还没有移交记录。</p>
        ) : (
          <div className="handover-scroll">
            <table className="handover-table">
              <thead>
                <tr>
                  <th>批次编号</th>
                  <th>移交日期</th>
                  <th className="num">笔数</th>
                  <th className="num">余额(元)</th>
                  <th className="num">欠息(元)</th>
                  <th>接收人</th>
                  <th>经办</th>
                  <th className="num">已退回</th>
                  <th className="num">打印次数</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {batches.state.data.map((b) => (
                  <Fragment key={b.id}>
                    <tr data-testid="handover-batch-row">
                      <td>{b.batchNo}</td>
                      <td>{b.handedOn}</td>
                      <td className="num">{formatCount(b.loans)}</td>
                      <td className="num">{formatYuan(b.balanceFen)}</td>
                      <td className="num">{formatYuan(b.interestOwedFen)}</td>
                      <td>{b.receiver}</td>
                      <td>{b.staffName}</td>
                      <td className="num">{b.returned > 0 ? formatCount(b.returned) : ''}</td>
                      <td className="num">{formatCount(b.prints)}</td>
                      <td>
                        <button type="button" className="btn-link" onClick={() => void print(b.id)} disabled={busyId !== null}>
                          {busyId === b.id ? '正在生成…' : b.prints > 0 ? '重印移交清单' : '打印移交清单'}
                        </button>{' '}
                        <button type="button" className="btn-link" onClick={() => setOpenId(openId === b.id ? null : b.id)} aria-expanded={openId === b.id}>
                          {openId === b.id ? '收起' : '明细'}
                        </button>
                      </td>
                    </tr>
                    {openId === b.id ? (
                      <tr>
                        <td colSpan={10}>
                          <HandoverLines
                            batchId={b.id}
                            mayReturn={mayReturn}
                            onReturned={() => {
                              setVersion((v) => v + 1);
                              onReturned();
                            }}
                          />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {notice ? (
        <div className={`alert alert-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      ) : null}
      <div className="handover-actions">
        <button type="button" className="btn" onClick={() => dialogRef.current?.close()}>
          关闭
        </button>
      </div>
    </dialog>
  );
}
