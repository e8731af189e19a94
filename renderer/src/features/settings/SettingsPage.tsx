import { useMemo, useState } from 'react';
import { call } from '../../api/client';
import { errorMessage } from '../../ui/errors';
import { ROLE_LABELS } from '../../../../electron/shared/domain';
import { DataGrid } from '../../grid/DataGrid';
import { useSession } from '../../session/session';
import { AddStaffForm } from './AddStaffForm';
import { SetLoginForm } from './SetLoginForm';
import { DemoDataSection } from './DemoDataSection';
import { ImportLimitsSection } from './ImportLimitsSection';
import { WindowsAccessSection } from './WindowsAccessSection';
import { staffColumns, type StaffRow } from './staff-columns';
import { useStaffList } from './useStaffList';
import { LoadStatus } from '../../ui/LoadStatus';
import { routeHref } from '../../router/hash-router';

const staffColDefaults = { filter: false };

/** 设置: branch information, staff accounts, demo data, who may use the data folder in Windows. */
export function SettingsPage() {
  const { user, branch } = useSession();
  const isAdmin = user.role === 'admin';
  const staff = useStaffList();
  const canEditPhones = user.role === 'admin' || user.role === 'head';
  const columns = useMemo(() => staffColumns(canEditPhones), [canEditPhones]);
  const [phoneError, setPhoneError] = useState<string | null>(null);

  return (
    <div className="page">
      <div className="page-header">
        <h1>设置</h1>
      </div>
      <div className="settings-grid">
        <section className="panel" aria-labelledby="branch-info">
          <h2 id="branch-info">机构信息</h2>
          <dl className="kv">
            <dt>机构号</dt>
            <dd data-testid="settings-branch-code">{branch.code ?? '—'}</dd>
            <dt>机构名称</dt>
            <dd data-testid="settings-branch-name">{branch.name ?? '—'}</dd>
            <dt>当前用户</dt>
            <dd>
              {user.displayName}（{user.username}，{ROLE_LABELS[user.role]}）
            </dd>
          </dl>
          <p>
            <a href={routeHref('/notice-templates')} data-testid="settings-notice-templates">
              通知书模板与抬头（银行名称、地址、电话）
            </a>
          </p>
          <p>
            <a href={routeHref('/archive-settings')} data-testid="settings-archive-settings">
              信贷档案设置（资料目录、必备资料、移交期限、节假日、切换日期）
            </a>
          </p>
        </section>

        {isAdmin ? (
          <section className="panel" aria-labelledby="demo-data">
            <h2 id="demo-data">演示数据</h2>
            <DemoDataSection onGenerated={staff.reload} />
          </section>
        ) : (
          <div />
        )}

        <section className={isAdmin ? 'panel' : 'panel span-2'} aria-labelledby="staff-list">
          <h2 id="staff-list">人员名单</h2>
          <LoadStatus state={staff.state} />
          {staff.state.status === 'ready' ? (
            <DataGrid<StaffRow>
              testId="staff-grid"
              rowData={staff.state.data}
              columnDefs={columns}
              getRowId={(p) => p.data.id}
              onCellValueChanged={(e) => {
                if (e.colDef.field !== 'phone' || !e.data) return;
                setPhoneError(null);
                call('staff.setPhone', { staffId: e.data.id, phone: String(e.newValue ?? '') })
                  .then(() => staff.reload())
                  .catch((err: unknown) => {
                    setPhoneError(errorMessage(err));
                    staff.reload();
                  });
              }}
              domLayout="autoHeight"
              defaultColDef={staffColDefaults}
            />
          ) : null}
          {phoneError ? (
            <div className="alert alert-error" role="alert" data-testid="staff-phone-error">
              {phoneError}
            </div>
          ) : null}
        </section>

        {isAdmin ? (
          <section className="panel" aria-labelledby="add-staff">
            <h2 id="add-staff">新增人员账号</h2>
            <AddStaffForm onCreated={staff.reload} />
          </section>
        ) : null}

        {isAdmin ? (
          <section className="panel" aria-labelledby="import-limits">
            <h2 id="import-limits">导入检查</h2>
            <ImportLimitsSection />
          </section>
        ) : null}

        {isAdmin && staff.state.status === 'ready' ? (
          <section className="panel" aria-labelledby="set-login">
            <h2 id="set-login">设置登录</h2>
            <SetLoginForm staff={staff.state.data} onSaved={staff.reload} />
          </section>
        ) : null}

        <section className="panel span-2" aria-labelledby="windows-access">
          <h2 id="windows-access">Windows 账户</h2>
          <WindowsAccessSection />
        </section>
      </div>
    </div>
  );
}
