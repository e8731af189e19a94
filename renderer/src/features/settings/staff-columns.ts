import type { ColDef } from 'ag-grid-community';
import type { SessionUser } from '../../../../electron/shared/api/auth';
import { ROLE_LABELS } from '../../../../electron/shared/domain';
import { compareChinese } from '../../grid/columns';

export type StaffRow = SessionUser & { active: boolean; canLogin: boolean; phone: string };

/** The staff list is short: sortable, no filters. 电话 is edited in place by the branch head and admins. */
export function staffColumns(canEditPhones: boolean): ColDef<StaffRow>[] {
  return [
  { field: 'displayName', headerName: '姓名', width: 120, comparator: compareChinese },
  { field: 'username', headerName: '用户名', width: 140, valueFormatter: (p) => (p.value ? String(p.value) : '—') },
  { colId: 'role', headerName: '角色', width: 110, valueGetter: (p) => (p.data ? ROLE_LABELS[p.data.role] : ''), comparator: compareChinese },
  { colId: 'active', headerName: '状态', width: 90, valueGetter: (p) => (p.data?.active ? '在岗' : '停用') },
  {
    colId: 'canLogin',
    headerName: '登录',
    flex: 1,
    minWidth: 110,
    valueGetter: (p) => (p.data?.canLogin ? '可登录' : '未设密码，不能登录'),
  },
  {
    field: 'phone',
    headerName: '电话（给借款人）',
    width: 160,
    editable: canEditPhones,
    cellClass: canEditPhones ? 'mono cell-editable' : 'mono',
    headerTooltip: '短信提醒和通知书中的 {客户经理电话}；双击修改',
  },
  ];
}
