import { useState, type FormEvent } from 'react';
import type { ArchiveDocTypeView } from '../../../../electron/shared/api/archives';
import type { ArchiveSettingsView } from '../../../../electron/shared/api/archive-settings';
import { call } from '../../api/client';
import { FormError, TextField } from '../../ui/Field';
import { useFormSubmit } from '../../ui/useFormSubmit';

interface Props {
  view: ArchiveSettingsView;
  canEdit: boolean;
  onSaved(view: ArchiveSettingsView): void;
}

/** 资料目录: the document types in the order checklists show them; a type no longer used is stopped, never deleted. */
export function CatalogueSection({ view, canEdit, onSaved }: Props) {
  const { busy, errors, formError, run } = useFormSubmit();
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const types = view.docTypes;

  const save = (t: ArchiveDocTypeView, patch: Partial<Pick<ArchiveDocTypeView, 'name' | 'sortOrder' | 'active'>>, then?: () => void) =>
    void run(async () => {
      onSaved(await call('archiveSettings.saveDocType', { id: t.id, name: t.name, sortOrder: t.sortOrder, active: t.active, ...patch }));
      then?.();
    });

  return (
    <div>
      <FormError message={formError} />
      <table className="mini-table" data-testid="as-doc-types">
        <thead>
          <tr>
            <th>序号</th>
            <th>资料名称</th>
            <th>状态</th>
            {canEdit ? <th>操作</th> : null}
          </tr>
        </thead>
        <tbody>
          {types.map((t, i) => (
            <tr key={t.id} className={t.active ? undefined : 'row-muted'} data-testid="as-doc-type">
              <td>{i + 1}</td>
              <td>
                {editing?.id === t.id ? (
                  <form
                    className="as-inline-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      save(t, { name: editing.name }, () => setEditing(null));
                    }}
                  >
                    <input aria-label="新名称" value={editing.name} onChange={(e) => setEditing({ id: t.id, name: e.target.value })} autoFocus />
                    <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
                      保存
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setEditing(null)}>
                      取消
                    </button>
                    {errors.name ? (
                      <span className="field-error" role="alert">
                        {errors.name}
                      </span>
                    ) : null}
                  </form>
                ) : (
                  t.name
                )}
              </td>
              <td>{t.active ? '启用' : '停用'}</td>
              {canEdit ? (
                <td className="as-actions">
                  <button type="button" className="btn btn-small" disabled={busy || i === 0} onClick={() => save(t, { sortOrder: types[i - 1].sortOrder })} aria-label={`上移 ${t.name}`}>
                    上移
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy || i === types.length - 1}
                    onClick={() => save(t, { sortOrder: types[i + 1].sortOrder })}
                    aria-label={`下移 ${t.name}`}
                  >
                    下移
                  </button>
                  <button type="button" className="btn btn-small" disabled={busy} onClick={() => setEditing({ id: t.id, name: t.name })} aria-label={`改名 ${t.name}`}>
                    改名
                  </button>
                  <button type="button" className="btn btn-small" disabled={busy} onClick={() => save(t, { active: !t.active })} aria-label={`${t.active ? '停用' : '启用'} ${t.name}`}>
                    {t.active ? '停用' : '启用'}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit ? <AddDocType onSaved={onSaved} /> : null}
    </div>
  );
}

function AddDocType({ onSaved }: { onSaved(view: ArchiveSettingsView): void }) {
  const [name, setName] = useState('');
  const { busy, errors, formError, run } = useFormSubmit();

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      onSaved(await call('archiveSettings.saveDocType', { name, active: true }));
      setName('');
    });
  }

  return (
    <form className="form as-add" onSubmit={submit} noValidate aria-label="资料目录：添加">
      <div className="form-row">
        <TextField label="新增资料" name="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} placeholder="如 收入证明" />
      </div>
      <FormError message={formError} />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={busy || name.trim() === ''} data-testid="as-doc-type-add">
          添加到目录末尾
        </button>
      </div>
    </form>
  );
}
