import './village-work.css';
import { useState } from 'react';
import type { NotVisitedRow } from '../../../../electron/shared/api/village-work';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { downloadFile } from '../../files';
import { formatCount } from '../../format';
import { DataGrid } from '../../grid/DataGrid';
import { useSession } from '../../session/session';
import { SelectField } from '../../ui/Field';
import { LoadStatus } from '../../ui/LoadStatus';
import { errorMessage } from '../../ui/errors';
import { notVisitedColumns } from './not-visited-columns';
import { VillagePanel } from './VillagePanel';

const NOBODY = '__nobody__';

/**
 * 驻村工作: the villages with loans not visited in the last 6 months (每个客户经理每半年到每个村
 * 驻村一天); a click on a village (or picking any village) opens its cadres and visits.
 */
export function VillageWorkPage() {
  const { handleSessionError } = useSession();
  const [version, setVersion] = useState(0);
  const [manager, setManager] = useState('');
  const [villageId, setVillageId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const managerId = manager === '' ? undefined : manager === NOBODY ? null : manager;
  const list = useRpcQuery('villageWork.notVisited', managerId === undefined ? {} : { managerId }, version);
  const villages = useRpcQuery('villages.overview', {});
  const changed = () => setVersion((v) => v + 1);

  async function exportXlsx() {
    setNotice(null);
    try {
      const file = await call('villageWork.exportNotVisited', managerId === undefined ? {} : { managerId });
      downloadFile(file);
      setNotice(`已导出 ${file.fileName}（${formatCount(file.count)} 个村）。`);
    } catch (err) {
      if (!handleSessionError(err)) setNotice(errorMessage(err));
    }
  }

  const data = list.state.status === 'ready' ? list.state.data : null;
  return (
    <div className="page village-work-page">
      <div className="page-header">
        <h1>驻村工作</h1>
        <span className="muted">客户经理每半年至少到每个村驻村一天，与村支两委、村民小组组长座谈</span>
        <div className="page-actions">
          <button type="button" className="btn" onClick={exportXlsx} disabled={!data} data-testid="not-visited-export">
            导出
          </button>
          <button type="button" className="btn" onClick={changed}>
            刷新
          </button>
        </div>
      </div>
      <section className="panel" aria-labelledby="not-visited-title">
        <div className="village-filter">
          <h2 id="not-visited-title">半年内未走访的村</h2>
          <SelectField
            label="客户经理"
            name="manager"
            value={manager}
            onChange={(e) => setManager(e.target.value)}
            options={[{ value: '', label: '全部' }, ...(data?.managers ?? []).map((m) => ({ value: m.id, label: m.name })), { value: NOBODY, label: '未分配' }]}
          />
          <SelectField
            label="打开其他村"
            name="anyVillage"
            value=""
            onChange={(e) => e.target.value && setVillageId(e.target.value)}
            options={[
              { value: '', label: '选择村…' },
              ...(villages.state.status === 'ready' ? villages.state.data.rows.map((v) => ({ value: v.villageId, label: `${v.township} ${v.village}` })) : []),
            ]}
          />
        </div>
        <LoadStatus state={list.state} />
        {notice ? (
          <div className="alert alert-info" role="status">
            {notice}
          </div>
        ) : null}
        {data ? (
          <div className="grid-box not-visited">
            <DataGrid<NotVisitedRow>
              testId="not-visited-grid"
              rowData={data.rows}
              columnDefs={notVisitedColumns}
              getRowId={(p) => p.data.villageId}
              onRowClicked={(e) => e.data && setVillageId(e.data.villageId)}
              onCellKeyDown={(e) => {
                const key = (e.event as KeyboardEvent | undefined)?.key;
                if (key === 'Enter' && e.data) setVillageId(e.data.villageId);
              }}
            />
            <div className="grid-footer" data-testid="not-visited-summary">
              <span>
                {formatCount(data.rows.length)} 个村未走访（共 {formatCount(data.villagesWithLoans)} 个有在贷贷款的村）
              </span>
              <span>
                截至 {data.today}：{data.cutoff} 之后没有走访记录的村（{data.cutoff} 当天的走访已满半年）。点击一行（或按回车）查看该村的村干部和走访记录。
              </span>
            </div>
          </div>
        ) : null}
      </section>
      {villageId ? <VillagePanel key={villageId} villageId={villageId} onChanged={changed} onClose={() => setVillageId(null)} /> : null}
    </div>
  );
}
