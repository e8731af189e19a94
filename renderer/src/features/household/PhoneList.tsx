import { useState, type FormEvent } from 'react';
import { TEXT_LIMITS, type HouseholdDetail, type PhoneEntry } from '../../../../electron/shared/api/register';
import { parseBusinessDate, todayLocal } from '../../../../electron/shared/dates';
import { checkPhone } from '../../../../electron/shared/phone';
import { overLimit } from '../../../../electron/shared/text-length';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { dateInputMessage, DateInput } from '../../ui/DateInput';
import { errorMessage } from '../../ui/errors';

const phoneKey = (p: PhoneEntry) => JSON.stringify([p.id, p.phone, p.note, p.verifiedOn]);

export function PhoneList({ detail, onSaved }: { detail: HouseholdDetail; onSaved(detail: HouseholdDetail): void }) {
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
  // Over-long text is kept as typed and said so; the save waits until it fits.
  const phoneTooLong = overLimit(draft.phone, TEXT_LIMITS.phone);
  const noteTooLong = overLimit(draft.note, TEXT_LIMITS.phoneNote);
  const dateProblem = dateInputMessage(draft.verifiedOn, { max: todayLocal() });
  // One line for whatever keeps the row from being saved: over-long text, or a date that is none.
  const problem = phoneTooLong ? `号码${phoneTooLong}` : noteTooLong ? `备注${noteTooLong}` : dateProblem ? `核实日期：${dateProblem}` : null;

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
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const detail = await call('register.savePhone', {
        borrowerId,
        ...(phone ? { phoneId: phone.id, updatedAt: phone.updatedAt } : {}),
        phone: draft.phone,
        note: draft.note,
        // As DateInput shows it once left (Enter submits before that): 2026/3/5 → 2026-03-05.
        verifiedOn: draft.verifiedOn.trim() ? (parseBusinessDate(draft.verifiedOn) ?? draft.verifiedOn) : null,
      });
      onSaved(detail);
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
      setBusy(false);
    }
  }

  async function remove() {
    if (!phone || !window.confirm(`删除号码 ${phone.phone}？`)) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('register.deletePhone', { borrowerId, phoneId: phone.id, updatedAt: phone.updatedAt }));
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
      setBusy(false);
    }
  }

  const label = isNew ? '新电话' : `电话 ${(index ?? 0) + 1}`;
  // The core system sometimes sends a number that is no phone; it is kept so staff can correct it.
  const invalidStored = phone !== null && !dirty && !checkPhone(phone.phone).ok;
  return (
    <form className={isNew ? 'phone-row phone-row-new' : 'phone-row'} onSubmit={save} aria-label={label} noValidate data-dirty={dirty || undefined}>
      <input
        aria-label={`${label} 号码`}
        data-testid={`phone-input-${suffix}`}
        value={draft.phone}
        onChange={set('phone')}
        placeholder={isNew ? '添加号码' : ''}
        inputMode="tel"
        className="mono"
        aria-invalid={invalidStored || Boolean(phoneTooLong) || undefined}
      />
      <input
        aria-label={`${label} 备注`}
        data-testid={`phone-note-${suffix}`}
        value={draft.note}
        onChange={set('note')}
        placeholder="如：本人、妻子"
        aria-invalid={Boolean(noteTooLong) || undefined}
      />
      <DateInput
        aria-label={`${label} 核实日期`}
        data-testid={`phone-verified-${suffix}`}
        value={draft.verifiedOn}
        onChange={(verifiedOn) => set('verifiedOn')({ target: { value: verifiedOn } })}
        max={todayLocal()}
        showMessage={false}
      />
      <span className="phone-source">{phone ? <span className={phone.source === 'core' ? 'tag' : 'tag tag-local'}>{phone.source === 'core' ? '核心' : '本地'}</span> : null}</span>
      <span className="phone-actions">
        <button type="submit" className="btn btn-small" data-testid={`phone-save-${suffix}`} disabled={!dirty || busy || problem !== null}>
          {busy ? '保存中…' : isNew ? '添加' : '保存'}
        </button>
        {/* Core numbers are corrected, not removed: the next import would bring them back. */}
        {phone?.source === 'local' ? (
          <button type="button" className="btn btn-small btn-link" data-testid={`phone-delete-${suffix}`} onClick={() => void remove()} disabled={busy} aria-label={`删除${label}`}>
            删除
          </button>
        ) : null}
      </span>
      {problem ? (
        <span className="inline-error phone-msg" role="alert" data-testid={`phone-problem-${suffix}`}>
          {problem}
        </span>
      ) : error ? (
        <span className="inline-error phone-msg" role="alert">
          {error}
        </span>
      ) : saved && !dirty ? (
        <span className="inline-ok phone-msg" role="status">
          已保存
        </span>
      ) : invalidStored ? (
        <span className="inline-error phone-msg" data-testid={`phone-invalid-${suffix}`}>
          号码无效，请核实后更正
        </span>
      ) : null}
    </form>
  );
}
