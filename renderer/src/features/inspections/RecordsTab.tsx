import { useEffect, useState } from 'react';
import type { RegisterLoanRow } from '../../../../electron/shared/api/register';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { LoadStatus } from '../../ui/LoadStatus';
import type { InspectionTarget } from './InspectionForm';
import { LoanInspectionsView } from './LoanInspectionsView';

const SEARCH_DELAY_MS = 300;
const HITS = 20;
const HAS_HAN = /\p{Script=Han}/u;

/** 检查记录: find a loan by its number or the borrower's name, see its schedule and inspections, and record one. */
export function RecordsTab({ version, picked, onPick, onRecord }: { version: number; picked: string | null; onPick(loanId: string): void; onRecord: ((target: InspectionTarget) => void) | null }) {
  const { handleSessionError } = useSession();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<RegisterLoanRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = text.trim();
    if (q === '') return;
    let cancelled = false;
    const timer = setTimeout(() => {
      // A name has Chinese characters; anything else is (part of) a loan number.
      const column = HAS_HAN.test(q) ? 'name' : 'loanNo';
      call('register.loans', { filter: { [column]: { filterType: 'text', type: 'contains', filter: q } }, includeSettled: true, offset: 0, limit: HITS })
        .then((page) => {
          if (cancelled) return;
          setHits(page.rows);
          setError(null);
        })
        .catch((err: unknown) => {
          if (!cancelled && !handleSessionError(err)) setError(errorMessage(err));
        });
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text, handleSessionError]);
  const shown = text.trim() === '' ? null : hits;

  return (
    <div className="inspection-records">
      <div className="inspection-search">
        <label className="field-inline">
          查找贷款
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={50} placeholder="借据号或户名" data-testid="records-search" autoFocus />
        </label>
        {error ? (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        ) : null}
        {shown !== null ? (
          shown.length === 0 ? (
            <p className="muted">没有找到贷款。</p>
          ) : (
            <ul className="inspection-hits" data-testid="records-hits">
              {shown.map((h) => (
                <li key={h.loanId}>
                  <button type="button" className={h.loanId === picked ? 'btn-link inspection-hit-active' : 'btn-link'} onClick={() => onPick(h.loanId)}>
                    <span className="mono">{h.loanNo}</span> {h.name} {h.village} {h.status === 'settled' ? '（已结清）' : ''}
                  </button>
                </li>
              ))}
            </ul>
          )
        ) : (
          <p className="muted">输入借据号或户名查找贷款；也可在“待检查”中点击“登记检查”。</p>
        )}
      </div>
      {picked ? <LoanRecords loanId={picked} version={version} onRecord={onRecord} /> : null}
    </div>
  );
}

function LoanRecords({ loanId, version, onRecord }: { loanId: string; version: number; onRecord: ((target: InspectionTarget) => void) | null }) {
  const q = useRpcQuery('inspections.byLoan', { loanId }, version);
  const data = q.state.status === 'ready' ? q.state.data : null;
  return (
    <section className="panel inspection-loan">
      <LoadStatus state={q.state} />
      {data ? (
        <LoanInspectionsView
          data={data}
          onRecord={
            onRecord
              ? () => {
                  const open = data.tasks.filter((t) => t.status === 'open').sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
                  onRecord({ loanId, loanNo: data.loan.loanNo, borrower: data.loan.borrower, ...(open ? { task: { kind: open.kind, dueOn: open.dueOn } } : {}) });
                }
              : undefined
          }
        />
      ) : null}
    </section>
  );
}
