import { useState } from 'react';
import type { ArchiveSettingsView } from '../../../../electron/shared/api/archive-settings';
import { useRpcQuery } from '../../api/useRpcQuery';
import { useSession } from '../../session/session';
import { LoadStatus } from '../../ui/LoadStatus';
import { CalendarSection } from './CalendarSection';
import { CatalogueSection } from './CatalogueSection';
import { CutoverSection } from './CutoverSection';
import { DeadlineSection } from './DeadlineSection';
import { ProductRulesSection } from './ProductRulesSection';
import { RuleMatrix } from './RuleMatrix';
import './archive-settings.css';

/**
 * 信贷档案设置: the document catalogue, which documents each guarantee type and product needs,
 * the hand-over deadline in working days, holidays and weekend days worked, and the cut-over.
 * The branch head and the admin change them; everyone else reads them.
 */
export function ArchiveSettingsPage() {
  const { user } = useSession();
  const canEdit = user.role === 'head' || user.role === 'admin';
  const { state } = useRpcQuery('archiveSettings.get', {});
  // What a save answered shows at once: each write returns the settings as they now stand.
  const [saved, setSaved] = useState<ArchiveSettingsView | null>(null);
  const view = saved ?? (state.status === 'ready' ? state.data : null);

  return (
    <div className="page" data-testid="archive-settings-page">
      <div className="page-header">
        <h1>信贷档案设置</h1>
      </div>
      {!canEdit ? (
        <div className="alert alert-info" data-testid="as-read-only">
          只有支行长和管理员可以修改档案设置，您可以查看。
        </div>
      ) : null}
      {view ? (
        <div className="settings-grid">
          <section className="panel" aria-labelledby="as-catalogue">
            <h2 id="as-catalogue">资料目录</h2>
            <CatalogueSection view={view} canEdit={canEdit} onSaved={setSaved} />
          </section>
          <section className="panel" aria-labelledby="as-deadline">
            <h2 id="as-deadline">移交期限</h2>
            <DeadlineSection view={view} canEdit={canEdit} onSaved={setSaved} />
            <h2 id="as-calendar">节假日与调休</h2>
            <CalendarSection view={view} canEdit={canEdit} onSaved={setSaved} />
          </section>
          <section className="panel span-2" aria-labelledby="as-rules">
            <h2 id="as-rules">必备资料（按担保方式）</h2>
            <p className="muted">
              每格：必需、不需要，或未设置（沿用更通用的规则）。“全部”对所有担保方式生效，某一担保方式的设置优先于“全部”。{canEdit ? '点击一格依次切换。' : ''}
              保证+抵押的贷款需要两者任一所需的资料。
            </p>
            <RuleMatrix view={view} product="" canEdit={canEdit} onSaved={setSaved} testId="as-rules" />
          </section>
          <section className="panel span-2" aria-labelledby="as-products">
            <h2 id="as-products">按产品调整</h2>
            <ProductRulesSection view={view} canEdit={canEdit} onSaved={setSaved} />
          </section>
          <section className="panel span-2" aria-labelledby="as-cutover">
            <h2 id="as-cutover">切换日期（存量档案）</h2>
            <CutoverSection view={view} canEdit={canEdit} onCutover={(cutoverDate) => setSaved({ ...view, cutoverDate })} />
          </section>
        </div>
      ) : (
        <LoadStatus state={state} />
      )}
    </div>
  );
}
