import { useState, type FormEvent } from 'react';
import { TEXT_LIMITS, type HouseholdDetail } from '../../../../electron/shared/api/register';
import { overLimit } from '../../../../electron/shared/text-length';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';

export const contactKey = (d: HouseholdDetail) => JSON.stringify([d.borrowerId, d.whereabouts, d.contactName, d.contactPhone, d.notes]);

export function ContactForm({ detail, onSaved }: { detail: HouseholdDetail; onSaved(detail: HouseholdDetail): void }) {
  const { handleSessionError } = useSession();
  const initial = { whereabouts: detail.whereabouts, contactName: detail.contactName, contactPhone: detail.contactPhone, notes: detail.notes };
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = (Object.keys(initial) as Array<keyof typeof initial>).some((k) => form[k] !== initial[k]);
  // Over-long text is kept as typed and said so; the save waits until it fits.
  const tooLong = Object.fromEntries((Object.keys(initial) as Array<keyof typeof initial>).map((k) => [k, overLimit(form[k], TEXT_LIMITS[k])])) as Record<
    keyof typeof initial,
    string | null
  >;
  const anyTooLong = Object.values(tooLong).some(Boolean);

  const set = (key: keyof typeof initial) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setError(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (anyTooLong) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('register.updateContact', { borrowerId: detail.borrowerId, ...form, was: initial }));
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form className="compact-form" onSubmit={submit} aria-label="联系信息" noValidate data-dirty={dirty || undefined}>
      <label className="cf-label" htmlFor="hh-whereabouts">
        现住地址
      </label>
      <input id="hh-whereabouts" value={form.whereabouts} onChange={set('whereabouts')} placeholder="如：太原市小店区（务工）" {...limitProps(tooLong.whereabouts, 'whereabouts')} />
      <LimitMessage message={tooLong.whereabouts} field="whereabouts" />
      <label className="cf-label" htmlFor="hh-contact-name">
        联系人
      </label>
      <div className="cf-pair">
        <input id="hh-contact-name" value={form.contactName} onChange={set('contactName')} {...limitProps(tooLong.contactName, 'contactName')} />
        <label className="cf-label" htmlFor="hh-contact-phone">
          联系人电话
        </label>
        <input id="hh-contact-phone" value={form.contactPhone} onChange={set('contactPhone')} inputMode="tel" {...limitProps(tooLong.contactPhone, 'contactPhone')} />
      </div>
      <LimitMessage message={tooLong.contactName && `联系人${tooLong.contactName}`} field="contactName" />
      <LimitMessage message={tooLong.contactPhone && `联系人电话${tooLong.contactPhone}`} field="contactPhone" />
      <label className="cf-label" htmlFor="hh-notes">
        备注
      </label>
      <textarea id="hh-notes" value={form.notes} onChange={set('notes')} rows={2} {...limitProps(tooLong.notes, 'notes')} />
      <LimitMessage message={tooLong.notes} field="notes" />
      <div className="cf-actions">
        {error ? (
          <span className="inline-error" role="alert" data-testid="contact-error">
            {error}
          </span>
        ) : null}
        <button type="submit" className="btn btn-primary btn-small" disabled={!dirty || busy || anyTooLong} data-testid="contact-save">
          {busy ? '正在保存…' : '保存'}
        </button>
      </div>
    </form>
  );
}

const limitProps = (message: string | null, field: string) =>
  message ? { 'aria-invalid': true as const, 'aria-describedby': `hh-limit-${field}` } : {};

/** Under a field whose text is over its limit: how long it may be and how long it is. */
function LimitMessage({ message, field }: { message: string | null; field: string }) {
  if (!message) return null;
  return (
    <span className="inline-error cf-limit" id={`hh-limit-${field}`} role="alert" data-testid={`limit-${field}`}>
      {message}
    </span>
  );
}
