import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { CADRE_ROLES, type CadreView } from '../../../../electron/shared/api/village-work';
import { todayLocal } from '../../../../electron/shared/dates';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { useSession } from '../../session/session';
import { DateInput } from '../../ui/DateInput';
import { FormError, SelectField, TextField } from '../../ui/Field';
import { LoadStatus } from '../../ui/LoadStatus';
import { errorMessage } from '../../ui/errors';
import { useFormSubmit } from '../../ui/useFormSubmit';

const EMPTY_CADRE = { name: '', role: '村支书', groupName: '', phone: '', note: '' };

/** One village's cadres (村干部) and visits (驻村走访), with forms for those who may record them. */
export function VillagePanel({ villageId, onChanged, onClose }: { villageId: string; onChanged: () => void; onClose: () => void }) {
  const [version, setVersion] = useState(0);
  const view = useRpcQuery('villageWork.village', { villageId }, version);
  const reload = () => {
    setVersion((v) => v + 1);
    onChanged();
  };
  const data = view.state.status === 'ready' ? view.state.data : null;

  return (
    <section className="panel" aria-labelledby="village-title" data-testid="village-panel">
      <div className="panel-title-row">
        <h2 id="village-title">{data ? `${data.township} ${data.village}` : '村'}</h2>
        {data ? <span className="muted">客户经理：{data.manager ?? '未指定'}</span> : null}
        <button type="button" className="btn btn-small" onClick={onClose}>
          关闭
        </button>
      </div>
      <LoadStatus state={view.state} />
      {data ? (
        <div className="village-work-sections">
          <div>
            <h3>村干部</h3>
            <CadreTable cadres={data.cadres} canWrite={data.canWrite} onChanged={reload} villageId={villageId} />
          </div>
          <div>
            <h3>驻村走访</h3>
            {data.canWrite ? <VisitForm villageId={villageId} onSaved={reload} /> : <p className="muted">这个村不在您管户的范围内，只能查看。</p>}
            {data.visits.length === 0 ? (
              <p className="muted" data-testid="no-visits">
                从未走访。
              </p>
            ) : (
              <div className="mini-table-wrap">
                <table className="mini-table" data-testid="visit-table">
                  <thead>
                    <tr>
                      <th>日期</th>
                      <th>走访人员</th>
                      <th>接待人</th>
                      <th>了解的情况</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.visits.map((v) => (
                      <tr key={v.id}>
                        <td>{v.visitedOn}</td>
                        <td>{v.visitors}</td>
                        <td>{v.met}</td>
                        <td style={{ whiteSpace: 'pre-wrap' }}>{v.learned}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}

function CadreTable({ cadres, canWrite, villageId, onChanged }: { cadres: CadreView[]; canWrite: boolean; villageId: string; onChanged: () => void }) {
  const { handleSessionError } = useSession();
  const [editing, setEditing] = useState<CadreView | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function deactivate(c: CadreView) {
    setError(null);
    try {
      await call('villageWork.deactivateCadre', { cadreId: c.id, updatedAt: c.updatedAt });
      onChanged();
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
    }
  }

  return (
    <>
      {cadres.length === 0 ? (
        <p className="muted">尚未登记村干部。</p>
      ) : (
        <div className="mini-table-wrap">
          <table className="mini-table" data-testid="cadre-table">
            <thead>
              <tr>
                <th>姓名</th>
                <th>职务</th>
                <th>电话</th>
                <th>备注</th>
                {canWrite ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {cadres.map((c) => (
                <tr key={c.id} className={c.active ? undefined : 'row-inactive'}>
                  <td>
                    {c.name}
                    {c.active ? '' : '（已离任）'}
                  </td>
                  <td>{c.role === '村民小组组长' && c.groupName ? `${c.groupName}组长` : c.role}</td>
                  <td className="mono">{c.phone}</td>
                  <td>{c.note}</td>
                  {canWrite ? (
                    <td>
                      {c.active ? (
                        <>
                          <button type="button" className="btn btn-link" onClick={() => setEditing(c)}>
                            修改
                          </button>{' '}
                          <button type="button" className="btn btn-link" onClick={() => deactivate(c)}>
                            离任
                          </button>
                        </>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FormError message={error} />
      {canWrite ? (
        <CadreForm
          key={editing?.id ?? 'new'}
          villageId={villageId}
          editing={editing}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function CadreForm({ villageId, editing, onDone, onCancel }: { villageId: string; editing: CadreView | null; onDone: () => void; onCancel: () => void }) {
  const [form, setForm] = useState(editing ? { name: editing.name, role: editing.role, groupName: editing.groupName, phone: editing.phone, note: editing.note } : EMPTY_CADRE);
  const { busy, errors, setErrors, formError, setFormError, run } = useFormSubmit();
  const set = (k: keyof typeof EMPTY_CADRE) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    if (!form.name.trim()) return setErrors({ name: '请填写姓名' });
    await run(async () => {
      const fields = { ...form, role: form.role as (typeof CADRE_ROLES)[number] };
      if (editing) await call('villageWork.updateCadre', { cadreId: editing.id, updatedAt: editing.updatedAt, ...fields });
      else await call('villageWork.addCadre', { villageId, ...fields });
      setForm(EMPTY_CADRE);
      onDone();
    });
  }

  return (
    <form className="form village-form" onSubmit={submit} noValidate aria-label={editing ? '修改村干部' : '登记村干部'}>
      <div className="form-row">
        <TextField label="姓名" name="cadreName" value={form.name} onChange={set('name')} error={errors.name} maxLength={40} />
        <SelectField label="职务" name="cadreRole" value={form.role} onChange={set('role')} options={CADRE_ROLES.map((r) => ({ value: r, label: r }))} error={errors.role} />
      </div>
      <div className="form-row">
        {form.role === '村民小组组长' ? (
          <TextField label="组" name="cadreGroup" value={form.groupName} onChange={set('groupName')} error={errors.groupName} placeholder="如 三组" maxLength={40} />
        ) : null}
        <TextField label="电话" name="cadrePhone" value={form.phone} onChange={set('phone')} error={errors.phone} placeholder="手机或 0358-1234567" maxLength={40} />
        <TextField label="备注" name="cadreNote" value={form.note} onChange={set('note')} error={errors.note} maxLength={400} />
      </div>
      <FormError message={formError} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="cadre-submit">
          {editing ? '保存修改' : '登记村干部'}
        </button>
        {editing ? (
          <button type="button" className="btn" onClick={onCancel}>
            取消
          </button>
        ) : null}
      </div>
    </form>
  );
}

function VisitForm({ villageId, onSaved }: { villageId: string; onSaved: () => void }) {
  const { user } = useSession();
  const [visitedOn, setVisitedOn] = useState(todayLocal());
  const [visitors, setVisitors] = useState('');
  const [met, setMet] = useState('');
  const [learned, setLearned] = useState('');
  const { busy, errors, setErrors, formError, setFormError, run } = useFormSubmit();

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    setErrors({});
    setFormError(null);
    if (!learned.trim()) return setErrors({ learned: '请填写了解的情况' });
    await run(async () => {
      // Left at today: the backend's today (the PC's clock) applies.
      await call('villageWork.recordVisit', { villageId, visitedOn: visitedOn === todayLocal() ? undefined : visitedOn, visitors, met, learned });
      setMet('');
      setLearned('');
      onSaved();
    });
  }

  // Enter saves, as in every other field; Shift+Enter starts a new line.
  function learnedKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <form className="form village-form" onSubmit={submit} noValidate aria-label="登记走访">
      <div className="form-row">
        <div className={errors.visitedOn ? 'field field-invalid' : 'field'}>
          <label className="field-label" htmlFor="visit-date">
            走访日期
          </label>
          <DateInput id="visit-date" value={visitedOn} onChange={setVisitedOn} max={todayLocal()} />
          {errors.visitedOn ? <span className="field-error">{errors.visitedOn}</span> : null}
        </div>
        <TextField label="走访人员" name="visitors" value={visitors} onChange={(e) => setVisitors(e.target.value)} placeholder={user.displayName} error={errors.visitors} maxLength={200} />
      </div>
      <TextField label="接待人（村干部）" name="met" value={met} onChange={(e) => setMet(e.target.value)} error={errors.met} maxLength={400} />
      <div className={errors.learned ? 'field field-invalid' : 'field'}>
        <label className="field-label" htmlFor="visit-learned">
          了解的情况
        </label>
        <textarea id="visit-learned" value={learned} onChange={(e) => setLearned(e.target.value)} onKeyDown={learnedKey} maxLength={2000} aria-invalid={errors.learned ? true : undefined} />
        {errors.learned ? (
          <span className="field-error" role="alert">
            {errors.learned}
          </span>
        ) : (
          <span className="field-hint">回车保存，Shift+回车换行</span>
        )}
      </div>
      <FormError message={formError} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="visit-submit">
          登记走访
        </button>
      </div>
    </form>
  );
}
