import { useState } from 'react';
import type { TemplateView } from '../../../../electron/shared/api/notice-templates';
import type { TemplateKind } from '../../../../electron/shared/notices';
import { useRpcQuery } from '../../api/useRpcQuery';
import { useSession } from '../../session/session';
import { LoadStatus } from '../../ui/LoadStatus';
import { ContactCardsSection } from './ContactCardsSection';
import { LetterheadSection } from './LetterheadSection';
import { TemplateEditor } from './TemplateEditor';
import './notice-templates.css';

/** 通知书模板与抬头: the letterhead, each paper's wording with a live preview, and contact cards by village. */
export function NoticeTemplatesPage() {
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  const [version, setVersion] = useState(0);
  const { state } = useRpcQuery('noticeTemplates.list', {}, version);
  const [kind, setKind] = useState<TemplateKind>('overdue');
  const [saved, setSaved] = useState<TemplateView | null>(null);

  const views = state.status === 'ready' ? state.data : null;
  // What was just saved shows at once; the list catches up on reload.
  const view = saved?.kind === kind ? saved : views?.find((v) => v.kind === kind);

  return (
    <div className="page">
      <div className="page-header">
        <h1>通知书模板与抬头</h1>
      </div>
      <div className="settings-grid">
        <section className="panel" aria-labelledby="nt-letterhead">
          <h2 id="nt-letterhead">抬头</h2>
          <LetterheadSection isAdmin={isAdmin} onSaved={() => setVersion((v) => v + 1)} />
        </section>
        <section className="panel" aria-labelledby="nt-cards">
          <h2 id="nt-cards">客户经理联系卡</h2>
          <ContactCardsSection />
        </section>
        <section className="panel span-2" aria-labelledby="nt-templates">
          <h2 id="nt-templates">通知书模板</h2>
          <LoadStatus state={state} />
          {views ? (
            <div className="nt-kinds" role="tablist" aria-label="模板种类">
              {views.map((v) => (
                <button
                  key={v.kind}
                  type="button"
                  role="tab"
                  aria-selected={v.kind === kind}
                  className={v.kind === kind ? 'btn btn-primary' : 'btn'}
                  onClick={() => setKind(v.kind)}
                  data-testid={`nt-kind-${v.kind}`}
                >
                  {v.label}
                  {(saved?.kind === v.kind ? saved.customised : v.customised) ? '（已修改）' : ''}
                </button>
              ))}
            </div>
          ) : null}
          {view ? (
            <TemplateEditor
              key={view.kind}
              view={view}
              isAdmin={isAdmin}
              letterheadVersion={version}
              onSaved={setSaved}
            />
          ) : null}
        </section>
      </div>
    </div>
  );
}
