import { useState, type FormEvent } from 'react';
import type { GridApi, RowSelectionOptions } from 'ag-grid-community';
import type { ManagerOption } from '../../../../electron/shared/api/assignment';
import type { VillageOverviewRow } from '../../../../electron/shared/api/villages';
import { call } from '../../api/client';
import { formatCount } from '../../format';
import { DataGrid } from '../../grid/DataGrid';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { FormError, SelectField, TextField } from '../../ui/Field';
import { villageColumns } from '../register/village-columns';

const rowSelection: RowSelectionOptions = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, selectAll: 'filtered', enableClickSelection: true };
// The overview's columns, without its link to the register: a click here selects the village.
const columns = villageColumns.map((c) => (c.field === 'village' ? { ...c, cellRenderer: undefined } : c));

/** 按村分配: tick villages in the grid, pick a manager, assign their active loans in one step. */
export function VillageAssignPanel({ villages, managers, onAssigned }: { villages: VillageOverviewRow[]; managers: ManagerOption[]; onAssigned: () => void }) {
  const [api, setApi] = useState<GridApi<VillageOverviewRow> | null>(null);
  const [selected, setSelected] = useState<VillageOverviewRow[]>([]);
  const [managerId, setManagerId] = useState('');
  const [reason, setReason] = useState('');
  const { busy, errors, setErrors, formError, setFormError, run } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    setDone(null);
    if (selected.length === 0) return setFormError('请先在表格中勾选要分配的村。');
    if (!managerId) return setErrors({ managerId: '请选择客户经理' });
    await run(async () => {
      const outcome = await call('assignment.assign', { managerId, scope: 'village', ids: selected.map((v) => v.villageId), reason });
      const name = managers.find((m) => m.id === managerId)?.name ?? '';
      setDone(`已将 ${selected.length} 个村分配给${name}：${formatCount(outcome.moved)} 笔贷款换了客户经理，${formatCount(outcome.unchanged)} 笔原已由其管户。`);
      api?.deselectAll();
      setReason('');
      onAssigned();
    });
  }

  return (
    <>
      <form className="form assign-bar" onSubmit={submit} noValidate aria-label="按村分配">
        <div className="assign-bar-fields">
          <SelectField
            label="分配给"
            name="managerId"
            value={managerId}
            onChange={(e) => setManagerId(e.target.value)}
            options={[{ value: '', label: '请选择客户经理' }, ...managers.map((m) => ({ value: m.id, label: m.name }))]}
            error={errors.managerId}
          />
          <TextField label="原因（可不填）" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} maxLength={400} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || selected.length === 0} data-testid="assign-villages">
              {busy ? '正在分配…' : `分配所选 ${selected.length} 个村`}
            </button>
          </div>
        </div>
        <FormError message={formError} />
        {done ? (
          <div className="alert alert-success" role="status" data-testid="assign-done">
            {done}
          </div>
        ) : null}
      </form>
      <div className="grid-box assign-villages">
        <DataGrid<VillageOverviewRow>
          testId="assign-villages-grid"
          rowData={villages}
          columnDefs={columns}
          getRowId={(p) => p.data.villageId}
          rowSelection={rowSelection}
          selectionColumnDef={{ pinned: 'left' }}
          onGridReady={(e) => setApi(e.api)}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows())}
        />
        <div className="grid-footer">
          <span data-testid="assign-selected-count">已选 {formatCount(selected.length)} 个村</span>
          <span>勾选一个或多个村（点击行也可勾选），选择客户经理后分配：村里全部在贷贷款改由其管户，此后该村新增贷款也默认归其管户。客户经理列显示现在的管户情况，多人分管的村显示“某某等N人”。</span>
        </div>
      </div>
    </>
  );
}
