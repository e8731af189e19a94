import { Fragment, useRef, useState } from 'react';
import type { ArchiveBatchView, ArchiveReceiptOutcome } from '../../../../electron/shared/api/archive-handover';
import { ARCHIVE_STATUS_LABELS } from '../../../../electron/shared/archive';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatCount } from '../../format';
import { useSession } from '../../session/session';
import { DismissibleNotice, type PageNotice } from '../../ui/DismissibleNotice';
import { errorMessage } from '../../ui/errors';
import { LoadStatus } from '../../ui/LoadStatus';
import { BatchFileButtons } from './BatchFileButtons';
import { ReceiptDialog } from './ReceiptDialog';
import '../handover/handover.css';

/** How head office's receipt came in. */
const RECEIPT_SOURCE_LABELS: Record<NonNullable<ArchiveBatchView['receiptSource']>, string> = { file: '回执文件', hand: '手工录入', sync: '总行同步' };

const receiptText = (o: ArchiveReceiptOutcome) => `${o.batchNo}：总行已签收 ${formatCount(o.received)} 份，有差异 ${formatCount(o.discrepancies)} 份${o.discrepancies > 0 ? '（已退回支行，见“有差异”）' : ''}。`;

/**
 * 移交批次: every batch sent to the head-office archive, newest first, with its transmittal list
 * and manifest again, and head office's receipt: entered by hand, or its receipt file imported
 * (checked whole against the batch; refused with nothing changed).
 */
export function ArchiveBatchesSection({ version, onReceipt }: { version: number; onReceipt(): void }) {
  const { handleSessionError } = useSession();
  const [own, setOwn] = useState(0);
  const batches = useRpcQuery('archiveBatches.list', {}, version + own);
  const [notice, setNotice] = useState<PageNotice>(null);
  const [receiptFor, setReceiptFor] = useState<ArchiveBatchView | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  function applied(outcome: ArchiveReceiptOutcome) {
    setNotice({ kind: outcome.discrepancies > 0 ? 'info' : 'success', text: receiptText(outcome) });
    setOwn((v) => v + 1);
    onReceipt();
  }

  async function importReceipt(file: File) {
    setImporting(true);
    setNotice(null);
    try {
      applied(await call('archiveBatches.applyReceipt', { text: await file.text() }));
    } catch (err) {
      if (!handleSessionError(err)) setNotice({ kind: 'error', text: `回执文件未导入，档案未作任何改动：${errorMessage(err)}` });
    } finally {
      setImporting(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  return (
    <section className="archive-batches" aria-label="移交批次">
      <div className="archive-batches-bar">
        <label className="btn" aria-disabled={importing}>
          {importing ? '正在导入…' : '导入回执文件'}
          <input
            ref={fileRef}
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            disabled={importing}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importReceipt(file);
            }}
            data-testid="archive-receipt-file"
          />
        </label>
        <span className="muted">总行签收后退回的清单文件（JSON），或按纸质回执逐份“录入回执”。</span>
      </div>
      <DismissibleNotice notice={notice} onClose={() => setNotice(null)} testId="archive-batches-notice" />
      <LoadStatus state={batches.state} />
      {batches.state.status === 'ready' ? (
        batches.state.data.length === 0 ? (
          <p className="muted">还没有移交批次。在档案清单中勾选已审查的档案，点击“生成移交批次”。</p>
        ) : (
          <div className="mini-table-wrap">
            <table className="handover-table archive-batch-table" data-testid="archive-batches">
              <thead>
                <tr>
                  <th>批次编号</th>
                  <th>移交日期</th>
                  <th className="num">档案</th>
                  <th className="num">资料</th>
                  <th className="num">页数</th>
                  <th>移交人</th>
                  <th>签收</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {batches.state.data.map((b) => (
                  <Fragment key={b.id}>
                    <tr data-testid="archive-batch-row" data-batch={b.batchNo}>
                      <td>{b.batchNo}</td>
                      <td>{b.handedOn}</td>
                      <td className="num">{formatCount(b.files)}</td>
                      <td className="num">{formatCount(b.documents)}</td>
                      <td className="num">{formatCount(b.pages)}</td>
                      <td>{b.staffName}</td>
                      <td data-testid="archive-batch-receipt-state">
                        {b.status === 'received'
                          ? `${b.receivedOn ?? ''} ${b.receivedBy} 签收 ${formatCount(b.receivedFiles)} 份${b.discrepancyFiles > 0 ? `，有差异 ${formatCount(b.discrepancyFiles)} 份` : ''}（${RECEIPT_SOURCE_LABELS[b.receiptSource ?? 'hand']}）`
                          : '待总行签收'}
                      </td>
                      <td className="archive-batch-actions">
                        <BatchFileButtons batchId={b.id} compact />
                        {b.status === 'sent' ? (
                          <button type="button" className="btn-link" onClick={() => setReceiptFor(b)} data-testid="archive-batch-receipt">
                            录入回执
                          </button>
                        ) : null}
                        <button type="button" className="btn-link" onClick={() => setOpenId(openId === b.id ? null : b.id)} aria-expanded={openId === b.id}>
                          {openId === b.id ? '收起' : '明细'}
                        </button>
                      </td>
                    </tr>
                    {openId === b.id ? (
                      <tr>
                        <td colSpan={8}>
                          <BatchLines batchId={b.id} version={version + own} />
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
      {receiptFor ? <ReceiptDialog batch={receiptFor} onClose={() => setReceiptFor(null)} onApplied={applied} /> : null}
    </section>
  );
}

function BatchLines({ batchId, version }: { batchId: string; version: number }) {
  const lines = useRpcQuery('archiveBatches.lines', { batchId }, version);
  if (lines.state.status !== 'ready') return <LoadStatus state={lines.state} />;
  return (
    <table className="mini-table" data-testid="archive-batch-lines">
      <thead>
        <tr>
          <th>借据号</th>
          <th>借款人</th>
          <th>资料（页数）</th>
          <th className="num">页数</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody>
        {lines.state.data.map((l) => (
          <tr key={l.fileId} data-loan={l.loanNo}>
            <td className="mono">{l.loanNo}</td>
            <td>{l.borrower}</td>
            <td className="archive-line-docs">{l.documents.map((d) => (d.pages === null ? d.name : `${d.name}(${d.pages})`)).join('、')}</td>
            <td className="num">{l.pages}</td>
            <td>
              {ARCHIVE_STATUS_LABELS[l.status]}
              {l.statusNote ? `：${l.statusNote}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
