import { useEffect, useState } from 'react';
import { IssuePanel } from './IssuePanel';
import { forgetNoticeRequest, readNoticeRequest, type NoticeRequest } from './notice-request';
import { NoticeRegisterPanel } from './NoticeRegisterPanel';
import { UnnoticedPanel } from './UnnoticedPanel';
import '../worklists/worklists.css';
import './notices.css';

const TABS = [
  { id: 'issue', label: '发放通知书' },
  { id: 'register', label: '通知书登记簿' },
  { id: 'unnoticed', label: '本月未发催收' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/**
 * 催收通知书: 发放通知书 (a batch, numbered, printed or saved as one PDF), 通知书登记簿 (every
 * notice, delivery, receipts scanned back) and 本月未发催收. Opened from a worklist or the
 * register with loans or a village, it starts on 发放通知书 with them chosen.
 */
export function NoticesPage() {
  const [request, setRequest] = useState<NoticeRequest | null>(() => readNoticeRequest());
  useEffect(forgetNoticeRequest, []);
  const [tab, setTab] = useState<Tab>('issue');
  // A new request (from 本月未发催收) starts a fresh issue panel.
  const [issueKey, setIssueKey] = useState(0);

  return (
    <div className="page page-notices">
      <div className="page-header">
        <h1>催收通知书</h1>
      </div>
      <div className="worklist-tabs" role="tablist" aria-label="通知书">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === tab}
            className={t.id === tab ? 'worklist-tab worklist-tab-active' : 'worklist-tab'}
            onClick={() => setTab(t.id)}
            data-testid={`notice-tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="notice-tabpanel" role="tabpanel" aria-label={TABS.find((t) => t.id === tab)?.label}>
        {tab === 'issue' ? <IssuePanel key={issueKey} request={request} /> : null}
        {tab === 'register' ? <NoticeRegisterPanel /> : null}
        {tab === 'unnoticed' ? (
          <UnnoticedPanel
            onIssue={(r) => {
              setRequest(r);
              setIssueKey((k) => k + 1);
              setTab('issue');
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
