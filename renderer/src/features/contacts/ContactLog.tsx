import { useState } from 'react';
import { REACHED_LABELS, WAY_LABELS } from '../../../../electron/shared/api/contacts';
import { useRpcQuery } from '../../api/useRpcQuery';
import { LoadStatus } from '../../ui/LoadStatus';
import { ContactEntryDialog } from './ContactEntryDialog';
import { promiseClass, promiseText } from './promise-label';

/** 联系记录 of a household in its panel: newest first, each promise with its status; 登记联系 for the household as a whole. */
export function ContactLog({ borrowerId, borrower }: { borrowerId: string; borrower: string }) {
  const [version, setVersion] = useState(0);
  const [entering, setEntering] = useState(false);
  const { state } = useRpcQuery('contacts.list', { borrowerId }, version);
  return (
    <div data-testid="contact-log">
      <button type="button" className="btn" onClick={() => setEntering(true)} data-testid="contact-log-add">
        登记联系
      </button>
      {state.status !== 'ready' ? (
        <LoadStatus state={state} />
      ) : state.data.length === 0 ? (
        <p className="muted">还没有联系记录。</p>
      ) : (
        <ul className="contact-log-list">
          {state.data.map((c) => (
            <li key={c.id}>
              <span className="mono">{c.contactedAt}</span> {WAY_LABELS[c.way]} · {REACHED_LABELS[c.reached]}
              {c.loanNo ? <span className="mono"> · {c.loanNo}</span> : ' · 全户'} · {c.staffName}
              {c.outcome ? <div>{c.outcome}</div> : null}
              {c.promise ? <div className={promiseClass(c)}>{promiseText(c)}</div> : null}
              {c.followUpOn ? <div className="muted">下次跟进：{c.followUpOn}</div> : null}
              {c.note ? <div className="muted">{c.note}</div> : null}
            </li>
          ))}
        </ul>
      )}
      {entering ? (
        <ContactEntryDialog
          target={{ borrowerId, borrower, loanId: null, loanNo: null }}
          onClose={() => setEntering(false)}
          onSaved={() => {
            setEntering(false);
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
    </div>
  );
}
