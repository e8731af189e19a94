import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { HouseholdDetail, PhoneEntry, RegisterLoanRow } from '../../../../electron/shared/api/register';
import { formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { formatDateTime } from '../../format';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { actionLabel, fieldLabel, historyValue, tableLabel } from './history-labels';
import { useHouseholdPanel } from './household-context';

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

  // Escape closes the panel when the panel (or nothing) has the focus; not while editing a grid cell.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const focus = document.activeElement;
      if (!focus || focus === document.body || panelRef.current?.contains(focus)) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

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
        <button type="button" className="btn btn-small drawer-close" onClick={onClose} aria-label="关闭借款户详情">
          关闭
        </button>
      </div>
      <div className="drawer-body">
        {state.status === 'loading' ? <div className="muted">正在加载…</div> : null}
        {state.status === 'error' ? (
          <div className="alert alert-error" role="alert">
            {state.message}
          </div>
        ) : null}
        {state.status === 'ready' ? <HouseholdBody detail={state.detail} onSaved={saved} /> : null}
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
        <span data-testid="household-village">{place || '未归村'}</span>
        {detail.customerNo ? <span className="muted">客户号 {detail.customerNo}</span> : null}
        {detail.gender ? <span className="muted">{detail.gender === 'M' ? '男' : '女'}</span> : null}
        {detail.birthDate ? <span className="muted">{detail.birthDate} 生</span> : null}
      </div>
    </div>
  );
}

function HouseholdBody({ detail, onSaved }: { detail: HouseholdDetail; onSaved(detail: HouseholdDetail): void }) {
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
        <ContactForm key={contactKey(detail)} detail={detail} onSaved={onSaved} />
      </section>

      <section className="drawer-section" aria-labelledby="hh-phones">
        <h3 id="hh-phones">电话</h3>
        <PhoneList detail={detail} onSaved={onSaved} />
      </section>

      <section className="drawer-section" aria-labelledby="hh-loans">
        <h3 id="hh-loans">
          贷款
          <span className="section-note">
            在贷 {active.length} 笔，余额 {formatYuan(balance)} 元
          </span>
        </h3>
        <LoanTable loans={detail.loans} />
      </section>

      <section className="drawer-section" aria-labelledby="hh-history">
        <h3 id="hh-history">变更记录</h3>
        <History detail={detail} />
      </section>
    </>
  );
}

const contactKey = (d: HouseholdDetail) => JSON.stringify([d.borrowerId, d.whereabouts, d.contactName, d.contactPhone, d.notes]);

function ContactForm({ detail, onSaved }: { detail: HouseholdDetail; onSaved(detail: HouseholdDetail): void }) {
  const { handleSessionError } = useSession();
  const initial = { whereabouts: detail.whereabouts, contactName: detail.contactName, contactPhone: detail.contactPhone, notes: detail.notes };
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = (Object.keys(initial) as Array<keyof typeof initial>).some((k) => form[k] !== initial[k]);

  const set = (key: keyof typeof initial) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setError(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('register.updateContact', { borrowerId: detail.borrowerId, ...form }));
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form className="compact-form" onSubmit={submit} aria-label="联系信息" noValidate>
      <label className="cf-label" htmlFor="hh-whereabouts">
        现住地址
      </label>
      <input id="hh-whereabouts" value={form.whereabouts} onChange={set('whereabouts')} maxLength={100} placeholder="如：太原市小店区（务工）" />
      <label className="cf-label" htmlFor="hh-contact-name">
        联系人
      </label>
      <div className="cf-pair">
        <input id="hh-contact-name" value={form.contactName} onChange={set('contactName')} maxLength={20} />
        <label className="cf-label" htmlFor="hh-contact-phone">
          联系人电话
        </label>
        <input id="hh-contact-phone" value={form.contactPhone} onChange={set('contactPhone')} maxLength={30} inputMode="tel" />
      </div>
      <label className="cf-label" htmlFor="hh-notes">
        备注
      </label>
      <textarea id="hh-notes" value={form.notes} onChange={set('notes')} maxLength={500} rows={2} />
      <div className="cf-actions">
        {error ? (
          <span className="inline-error" role="alert" data-testid="contact-error">
            {error}
          </span>
        ) : null}
        <button type="submit" className="btn btn-primary btn-small" disabled={!dirty || busy} data-testid="contact-save">
          {busy ? '正在保存…' : '保存'}
        </button>
      </div>
    </form>
  );
}

const phoneKey = (p: PhoneEntry) => JSON.stringify([p.id, p.phone, p.note, p.verifiedOn]);

function PhoneList({ detail, onSaved }: { detail: HouseholdDetail; onSaved(detail: HouseholdDetail): void }) {
  const [savedId, setSavedId] = useState<string | null>(null);
  const [added, setAdded] = useState(0);
  return (
    <div className="phone-list" data-testid="phone-list">
      <div className="phone-row phone-row-head" aria-hidden="true">
        <span>号码</span>
        <span>备注</span>
        <span>核实日期</span>
        <span>来源</span>
        <span />
      </div>
      {detail.phones.length === 0 ? <div className="muted phone-empty">尚无电话，请在下面添加。</div> : null}
      {detail.phones.map((p, index) => (
        <PhoneRow
          key={phoneKey(p)}
          index={index}
          borrowerId={detail.borrowerId}
          phone={p}
          saved={savedId === p.id}
          onSaved={(d) => {
            setSavedId(p.id);
            onSaved(d);
          }}
        />
      ))}
      <PhoneRow
        key={`new-${added}`}
        index={null}
        borrowerId={detail.borrowerId}
        phone={null}
        saved={false}
        onSaved={(d) => {
          setSavedId(null);
          setAdded((n) => n + 1);
          onSaved(d);
        }}
      />
    </div>
  );
}

function PhoneRow({
  index,
  borrowerId,
  phone,
  saved,
  onSaved,
}: {
  /** Position in the list; null for the “add a phone” row. */
  index: number | null;
  borrowerId: string;
  phone: PhoneEntry | null;
  saved: boolean;
  onSaved(detail: HouseholdDetail): void;
}) {
  const { handleSessionError } = useSession();
  const initial = { phone: phone?.phone ?? '', note: phone?.note ?? '', verifiedOn: phone?.verifiedOn ?? '' };
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = draft.phone !== initial.phone || draft.note !== initial.note || draft.verifiedOn !== initial.verifiedOn;
  const isNew = phone === null;
  const suffix = isNew ? 'new' : String(index);

  const set = (key: keyof typeof initial) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [key]: e.target.value }));
    setError(null);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft.phone.trim()) {
      setError('请输入电话号码');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const detail = await call('register.savePhone', {
        borrowerId,
        ...(phone ? { phoneId: phone.id } : {}),
        phone: draft.phone,
        note: draft.note,
        verifiedOn: draft.verifiedOn || null,
      });
      onSaved(detail);
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
      setBusy(false);
    }
  }

  const label = isNew ? '新电话' : `电话 ${(index ?? 0) + 1}`;
  return (
    <form className={isNew ? 'phone-row phone-row-new' : 'phone-row'} onSubmit={save} aria-label={label} noValidate>
      <input
        aria-label={`${label} 号码`}
        data-testid={`phone-input-${suffix}`}
        value={draft.phone}
        onChange={set('phone')}
        placeholder={isNew ? '添加号码' : ''}
        inputMode="tel"
        maxLength={30}
        className="mono"
      />
      <input aria-label={`${label} 备注`} data-testid={`phone-note-${suffix}`} value={draft.note} onChange={set('note')} maxLength={50} placeholder="如：本人、妻子" />
      <input aria-label={`${label} 核实日期`} data-testid={`phone-verified-${suffix}`} type="date" value={draft.verifiedOn} onChange={set('verifiedOn')} />
      <span className="phone-source">{phone ? <span className={phone.source === 'core' ? 'tag' : 'tag tag-local'}>{phone.source === 'core' ? '核心' : '本地'}</span> : null}</span>
      <span className="phone-actions">
        <button type="submit" className="btn btn-small" data-testid={`phone-save-${suffix}`} disabled={!dirty || busy}>
          {busy ? '保存中…' : isNew ? '添加' : '保存'}
        </button>
      </span>
      {error ? (
        <span className="inline-error phone-msg" role="alert">
          {error}
        </span>
      ) : saved && !dirty ? (
        <span className="inline-ok phone-msg" role="status">
          已保存
        </span>
      ) : null}
    </form>
  );
}

function LoanTable({ loans }: { loans: RegisterLoanRow[] }) {
  if (loans.length === 0) return <div className="muted">无贷款记录。</div>;
  return (
    <div className="mini-table-wrap">
      <table className="mini-table" data-testid="household-loans">
        <thead>
          <tr>
            <th>借据号</th>
            <th>产品</th>
            <th>到期日</th>
            <th className="num">余额(元)</th>
            <th className="num">逾期天数</th>
            <th>五级分类</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {loans.map((l) => (
            <tr key={l.loanId} className={l.status === 'settled' ? 'row-muted' : undefined}>
              <td className="mono">{l.loanNo}</td>
              <td>{l.product}</td>
              <td>{l.maturityOn ?? ''}</td>
              <td className="num">{formatYuan(l.balanceFen)}</td>
              <td className={l.principalOverdueDays > 0 ? 'num text-danger' : 'num'}>{l.principalOverdueDays || ''}</td>
              <td>{l.riskClass ?? ''}</td>
              <td>{l.status === 'settled' ? '结清' : '在贷'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function History({ detail }: { detail: HouseholdDetail }) {
  if (detail.history.length === 0) return <div className="muted">暂无变更记录。</div>;
  return (
    <ol className="history" data-testid="household-history">
      {detail.history.map((h, i) => (
        <li key={`${h.at}-${i}`}>
          <div className="history-meta">
            <span>{formatDateTime(h.at)}</span>
            <span>{h.actorName}</span>
            <span className="tag">
              {actionLabel(h.action)}
              {tableLabel(h.table)}
            </span>
          </div>
          {h.changes.length > 0 ? (
            <ul className="history-changes">
              {h.changes.map((c) => (
                <li key={c.field}>
                  <span className="history-field">{fieldLabel(c.field)}</span>
                  <span className="history-before">{historyValue(c.field, c.before)}</span>
                  <span aria-hidden="true"> → </span>
                  <span className="history-after">{historyValue(c.field, c.after)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
