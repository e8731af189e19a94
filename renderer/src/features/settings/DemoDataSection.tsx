import { useState } from 'react';
import type { DemoDataSummary } from '../../../../electron/shared/api/demo';
import { call } from '../../api/client';
import { formatCount } from '../../format';
import { routeHref } from '../../router/hash-router';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { dataAsOfChanged } from '../../shell/DataAsOf';

/** 演示数据 (admins only): demo.generate writes invented villages, households and loans. */
export function DemoDataSection({ onGenerated }: { onGenerated(): void }) {
  const { handleSessionError } = useSession();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DemoDataSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function generate() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await call('demo.generate', {}));
      dataAsOfChanged();
      onGenerated();
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <p className="muted" style={{ marginTop: 0 }}>
        向当前数据库写入虚构的村、借款户、贷款和客户经理，用于培训和试用。请勿在正式数据库中使用。
      </p>
      <button type="button" className="btn btn-primary" data-testid="generate-demo" onClick={() => void generate()} disabled={busy} aria-busy={busy}>
        {busy ? (
          <>
            <span className="spinner" aria-hidden="true" /> 正在生成，请稍候…
          </>
        ) : (
          '生成演示数据'
        )}
      </button>
      {error ? (
        <div className="alert alert-error" role="alert" style={{ marginTop: 10 }}>
          {error}
        </div>
      ) : null}
      {result ? (
        <div className="alert alert-success" role="status" data-testid="demo-result" style={{ marginTop: 10 }}>
          已生成演示数据：
          <div className="demo-result">
            <span>
              <strong data-testid="demo-villages">{formatCount(result.villages)}</strong> 村
            </span>
            <span>
              <strong data-testid="demo-households">{formatCount(result.households)}</strong> 户
            </span>
            <span>
              <strong data-testid="demo-loans">{formatCount(result.loans)}</strong> 笔
            </span>
            <span>
              <strong data-testid="demo-managers">{formatCount(result.managers)}</strong> 客户经理
            </span>
          </div>
          <div style={{ marginTop: 8 }}>
            <a href={routeHref('/register')}>到 台账 查看村级概览</a>
          </div>
        </div>
      ) : null}
    </div>
  );
}
