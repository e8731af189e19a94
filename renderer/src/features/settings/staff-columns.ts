import type { ColDef } from 'ag-grid-community';
import type { SessionUser } from '../../../../electron/shared/api/auth';
import { ROLE_LABELS } from '../../../../electron/shared/domain';
import { textColumn } from '../../grid/columns';

export type StaffRow = SessionUser & { active: boolean; canLogin: boolean };

export const staffColumns: ColDef<StaffRow>[] = [
  textColumn({ field: 'displayName', headerName: '姓名', width: 120 }),
  textColumn({
    field: 'username',
    headerName: '用户名',
    width: 140,
    valueFormatter: (p) => (p.value ? String(p.value) : '—'),
  }),
  textColumn({
    field: 'role',
    headerName: '角色',
    width: 110,
    valueGetter: (p) => (p.data ? ROLE_LABELS[p.data.role] : ''),
  }),
  textColumn({
    field: 'active',
    headerName: '状态',
    width: 90,
    valueGetter: (p) => (p.data?.active ? '在岗' : '停用'),
  }),
  textColumn({
    field: 'canLogin',
    headerName: '登录',
    flex: 1,
    minWidth: 100,
    valueGetter: (p) => (p.data?.canLogin ? '可登录' : '无登录账号'),
  }),
];
