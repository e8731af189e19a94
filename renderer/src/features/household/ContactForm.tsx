import { useState, type FormEvent } from 'react';
import type { HouseholdDetail } from '../../../../electron/shared/api/register';
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
    <form className="compact-form" onSubmit={submit} aria-label="联系信息" noValidate data-dirty={dirty || undefined}>
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
