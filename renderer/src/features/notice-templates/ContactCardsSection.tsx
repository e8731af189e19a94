import { useState } from 'react';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { downloadFile } from '../../files';
import { formatCount } from '../../format';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { LoadStatus } from '../../ui/LoadStatus';

/** 客户经理联系卡 for every household of a village, borrower or not, ten to an A4 sheet. */
export function ContactCardsSection() {
  const { handleSessionError } = useSession();
  const { state } = useRpcQuery('villages.overview', {});
  const [villageId, setVillageId] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  async function print() {
    setBusy(true);
    setNotice(null);
    try {
      const out = await call('noticeTemplates.printContactCards', { villageId, deliver: 'preview' });
      const sheets = Math.ceil(out.cards / 10);
      if (out.kind === 'preview') {
        setNotice({ kind: 'success', text: `共 ${formatCount(out.cards)} 张联系卡（${sheets} 页），已在打印预览窗口中打开，请用 A4 纸打印后沿虚线裁开。` });
      } else {
        downloadFile(out.file);
        setNotice({ kind: 'success', text: `共 ${formatCount(out.cards)} 张联系卡（${sheets} 页），已生成 ${out.file.fileName}，请用 A4 纸打印后沿虚线裁开。` });
      }
    } catch (err) {
      if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  if (state.status !== 'ready') return <LoadStatus state={state} />;
  const villages = state.data.rows;
  return (
    <div className="form">
      <p className="muted" style={{ marginTop: 0 }}>
        为一个村的每户（不论是否有贷款）打印一张联系卡，每页 10 张：户主、客户经理及其电话、支行地址电话。客户经理电话在“设置 → 人员名单”中登记。
      </p>
      <div className="form-row">
        <label className="field">
          <span className="field-label">村</span>
          <select value={villageId} onChange={(e) => setVillageId(e.target.value)} data-testid="contact-cards-village">
            <option value="">请选择村</option>
            {villages.map((v) => (
              <option key={v.villageId} value={v.villageId}>
                {v.township}
                {v.village}（{formatCount(v.households)} 户）
              </option>
            ))}
          </select>
        </label>
      </div>
      {notice ? (
        <div className={notice.kind === 'error' ? 'alert alert-error' : 'alert alert-success'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="contact-cards-notice">
          {notice.text}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={!villageId || busy} onClick={() => void print()} data-testid="contact-cards-print">
          {busy ? '正在生成…' : '打印联系卡'}
        </button>
      </div>
    </div>
  );
}
