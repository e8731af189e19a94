import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { HouseholdDetail } from '../../../../electron/shared/api/register';
import { formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { routeHref } from '../../router/hash-router';
import { useSession } from '../../session/session';
import { REGISTER_PATHS } from '../register/paths';
import { errorMessage } from '../../ui/errors';
import { useHouseholdPanel } from './household-context';
import { ContactForm, contactKey } from './ContactForm';
import { History } from './HouseholdHistory';
import { LoanTable } from './LoanTable';
import { PhoneList } from './PhoneList';
import { LoadStatus } from '../../ui/LoadStatus';
import { AssignmentHistory } from '../assignment/AssignmentHistory';
import { ContactLog } from '../contacts/ContactLog';
import { openNoticeIssue } from '../notices/notice-request';
import { formatCount } from '../../format';

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; detail: HouseholdDetail };

/**
 * 借款户详情: a drawer on the right, over whatever page is open. Contact data and phones are the
 * branch's own (the core system never sends them), so they are edited here; loans and the change
 * history are read-only.
 */
export function HouseholdPanel({ borrowerId, onClose }: { borrowerId: string; onClose(): void }) {
  const { handleSessionError } = useSession();
  const panel = useHouseholdPanel();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const panelRef = useRef<HTMLElement>(null);

  useEffect(() => {
    let cancelled = false;
    call('register.household', { borrowerId })
      .then((detail) => {
        if (!cancelled) setState({ status: 'ready', detail });
      })
      .catch((err: unknown) => {
        if (cancelled || handleSessionError(err)) return;
        setState({ status: 'error', message: errorMessage(err) });
      });
    return () => {
      cancelled = true;
    };
  }, [borrowerId, handleSessionError]);

  // A save elsewhere (a grid cell) shows here at once.
  useEffect(
    () =>
      panel.onChanged((detail) => {
        if (detail.borrowerId === borrowerId) setState({ status: 'ready', detail });
      }),
    [panel, borrowerId],
  );

  // Typed but unsaved edits (forms mark themselves data-dirty) are not dropped without asking.
  const mayClose = useCallback(
    () => !panelRef.current?.querySelector('[data-dirty]') || window.confirm('有未保存的修改，关闭后将丢失。确定关闭吗？'),
    [],
  );
  const requestClose = useCallback(() => {
    if (mayClose()) onClose();
  }, [mayClose, onClose]);

  // 发通知书: the household's loans in 发放通知书, which leaves this panel behind.
  const issueNotices = useCallback(
    (detail: HouseholdDetail, loanIds: string[]) => {
      if (!mayClose()) return;
      onClose();
      openNoticeIssue({ scope: { by: 'loans', loanIds }, label: `${detail.name}的 ${formatCount(loanIds.length)} 笔在贷贷款` });
    },
    [mayClose, onClose],
  );

  // Escape closes the panel when the panel (or nothing) has the focus; not while editing a grid cell.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const focus = document.activeElement;
      if (!focus || focus === document.body || panelRef.current?.contains(focus)) requestClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [requestClose]);

  const ready = state.status === 'ready';
  useEffect(() => {
    if (ready) headingRef.current?.focus();
  }, [ready]);

  const saved = useCallback(
    (detail: HouseholdDetail) => {
      setState({ status: 'ready', detail });
      panel.notifyChanged(detail);
    },
    [panel],
  );

  return (
    <aside ref={panelRef} className="drawer" role="dialog" aria-label="借款户详情" data-testid="household-panel">
      <div className="drawer-header">
        {state.status === 'ready' ? (
          <HouseholdHeading detail={state.detail} headingRef={headingRef} />
        ) : (
          <h2 className="drawer-title">借款户详情</h2>
        )}
        <button type="button" className="btn btn-small drawer-close" onClick={requestClose} aria-label="关闭借款户详情">
          关闭
        </button>
      </div>
      <div className="drawer-body">
        <LoadStatus state={state} />
        {state.status === 'ready' ? <HouseholdBody detail={state.detail} onSaved={saved} onIssueNotices={issueNotices} /> : null}
      </div>
    </aside>
  );
}

function HouseholdHeading({ detail, headingRef }: { detail: HouseholdDetail; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const place = [detail.township, detail.village].filter(Boolean).join(' ');
  return (
    <div className="drawer-heading">
      <h2 className="drawer-title" ref={headingRef} tabIndex={-1} data-testid="household-name">
        {detail.name}
      </h2>
      <div className="drawer-sub">
        <span className="mono" data-testid="household-id">
          {detail.residentIdMasked || '无身份证号'}
        </span>
        {detail.residentIdMasked && !detail.residentIdValid ? <span className="tag tag-warn">身份证号校验未通过</span> : null}
        {detail.villageId ? (
          <a data-testid="household-village" href={routeHref(REGISTER_PATHS.village(detail.villageId))} title="打开该村贷款清册">
            {place}
          </a>
        ) : (
          <span data-testid="household-village">未归村</span>
        )}
        {detail.customerNo ? <span className="muted">客户号 {detail.customerNo}</span> : null}
        {detail.gender ? <span className="muted">{detail.gender === 'M' ? '男' : '女'}</span> : null}
        {detail.birthDate ? <span className="muted">{detail.birthDate} 生</span> : detail.birthYear ? <span className="muted">{detail.birthYear} 年生</span> : null}
      </div>
    </div>
  );
}

function HouseholdBody({
  detail,
  onSaved,
  onIssueNotices,
}: {
  detail: HouseholdDetail;
  onSaved(detail: HouseholdDetail): void;
  onIssueNotices(detail: HouseholdDetail, loanIds: string[]): void;
}) {
  const active = detail.loans.filter((l) => l.status === 'active');
  const balance = active.reduce((sum, l) => sum + l.balanceFen, 0);
  return (
    <>
      <section className="drawer-section" aria-labelledby="hh-contact">
        <h3 id="hh-contact">联系信息</h3>
        <dl className="kv kv-compact">
          <dt>住址</dt>
          <dd data-testid="household-address">{detail.address || <span className="muted">（核心系统未提供）</span>}</dd>
        </dl>
        {detail.canEdit ? null : (
          <p className="muted" data-testid="household-read-only">
            这户不在您管户的范围内，联系信息和电话只能查看。
          </p>
        )}
        <fieldset className="plain-fieldset" disabled={!detail.canEdit}>
          <ContactForm key={contactKey(detail)} detail={detail} onSaved={onSaved} />
        </fieldset>
      </section>

      <section className="drawer-section" aria-labelledby="hh-phones">
        <h3 id="hh-phones">电话</h3>
        <fieldset className="plain-fieldset" disabled={!detail.canEdit}>
          <PhoneList detail={detail} onSaved={onSaved} />
        </fieldset>
      </section>

      <section className="drawer-section" aria-labelledby="hh-loans">
        <div className="section-head">
          <h3 id="hh-loans">
            贷款
            <span className="section-note">
              在贷 {active.length} 笔，余额 {formatYuan(balance)} 元
            </span>
          </h3>
          {active.length > 0 ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => onIssueNotices(detail, active.map((l) => l.loanId))}
              title="对该户的在贷贷款发放催收通知书"
              data-testid="household-notice-issue"
            >
              发通知书
            </button>
          ) : null}
        </div>
        <LoanTable loans={detail.loans} />
      </section>

      <section className="drawer-section" aria-labelledby="hh-contact-log">
        <h3 id="hh-contact-log">联系记录</h3>
        <ContactLog borrowerId={detail.borrowerId} borrower={detail.name} />
      </section>

      <section className="drawer-section" aria-labelledby="hh-assignments">
        <h3 id="hh-assignments">管户记录</h3>
        <AssignmentHistory borrowerId={detail.borrowerId} />
      </section>

      <section className="drawer-section" aria-labelledby="hh-history">
        <h3 id="hh-history">变更记录</h3>
        <History detail={detail} />
      </section>
    </>
  );
}
