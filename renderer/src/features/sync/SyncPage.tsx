import { useState, type ChangeEvent } from 'react';
import type { SyncApplyOutcome, SyncPartyView, SyncStatus } from '../../../../electron/shared/api/sync';
import { formatLocalDateTime } from '../../../../electron/shared/local-time';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { downloadFile, fileToBase64, saveBlob } from '../../files';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { LoadStatus } from '../../ui/LoadStatus';

/** A fingerprint in groups of four, as staff read it out to head office on the phone. */
const grouped = (fingerprint: string) => fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint;

const OUTCOME_WORDS: Record<SyncApplyOutcome['status'], string> = { applied: '已导入', skipped: '已跳过', held: '已暂存', refused: '已拒收' };

/**
 * 与总行同步: pairing by identity files, packages built here for head office (carried on a USB
 * stick or put on a shared folder), and head office's packages taken in — with what was sent,
 * received, held and refused, and why.
 */
export function SyncPage() {
  const [version, setVersion] = useState(0);
  const status = useRpcQuery('sync.status', {}, version);
  const refresh = () => setVersion((v) => v + 1);
  return (
    <div className="page">
      <LoadStatus state={status.state} />
      {status.state.status === 'ready' ? <SyncSections status={status.state.data} onChange={refresh} /> : null}
    </div>
  );
}

function Party({ label, party }: { label: string; party: SyncPartyView }) {
  return (
    <p>
      {label}：<strong>{party.name}</strong>（{party.code}），密钥指纹 <code>{grouped(party.fingerprint)}</code>
    </p>
  );
}

function SyncSections({ status, onChange }: { status: SyncStatus; onChange(): void }) {
  const { user } = useSession();
  const [message, setMessage] = useState<{ kind: 'ok' | 'warning' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** `fn` answers what to tell staff, and whether any of it needs their attention (a package held or refused). */
  const act = async (fn: () => Promise<string | { text: string; attention: boolean }>) => {
    setBusy(true);
    setMessage(null);
    try {
      const said = await fn();
      setMessage(typeof said === 'string' ? { kind: 'ok', text: said } : { kind: said.attention ? 'warning' : 'ok', text: said.text });
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
      onChange();
    }
  };

  const pair = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    void act(async () => {
      const pairing = await call('sync.pair', { hqIdentity: await file.text() });
      saveBlob(new Blob([pairing.branchIdentity + '\n'], { type: 'application/json' }), `${pairing.branch.code}-身份文件.json`);
      return `已与${pairing.hq.name}配对。本支行的身份文件已下载，请交总行登记。`;
    });
  };
  const build = () =>
    void act(async () => {
      const built = await call('sync.buildPackage', {});
      downloadFile({ fileName: built.fileName, mimeType: 'application/octet-stream', contentBase64: built.contentBase64 });
      return `已生成第 ${built.seq} 号同步包（${built.rows} 行）：${built.fileName}。请把它放到 U 盘或共享文件夹中本支行的文件夹里。`;
    });
  const apply = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    e.target.value = '';
    if (files.length === 0) return;
    void act(async () => {
      const lines: string[] = [];
      let attention = false;
      for (const file of files) {
        const outcome = await call('sync.applyPackage', { fileName: file.name, contentBase64: await fileToBase64(file) });
        lines.push(`${file.name}：${OUTCOME_WORDS[outcome.status]}${outcome.reason ? `（${outcome.reason}）` : ''}`);
        attention ||= outcome.status === 'held' || outcome.status === 'refused';
      }
      return { text: lines.join('\n'), attention };
    });
  };

  return (
    <>
      {message ? (
        <div className={`alert alert-${message.kind === 'ok' ? 'success' : message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="sync-message" style={{ whiteSpace: 'pre-line' }}>
          {message.text}
        </div>
      ) : null}
      <section className="panel" aria-labelledby="sync-pairing">
        <h2 id="sync-pairing">配对</h2>
        {status.hq ? (
          <div data-testid="sync-paired">
            <Party label="总行" party={status.hq} />
            {status.branch ? <Party label="本支行" party={status.branch} /> : null}
          </div>
        ) : user?.role === 'admin' ? (
          <label className="btn">
            导入总行身份文件…
            <input type="file" accept=".json" hidden disabled={busy} onChange={pair} data-testid="sync-hq-identity" />
          </label>
        ) : (
          <p>尚未与总行配对：请系统管理员导入总行的身份文件。</p>
        )}
      </section>
      {status.hq ? (
        <>
          <section className="panel" aria-labelledby="sync-send">
            <h2 id="sync-send">发往总行</h2>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={build} data-testid="sync-build">
              生成同步包
            </button>
            <table className="mini-table" data-testid="sync-sent">
              <thead>
                <tr>
                  <th>序号</th>
                  <th>文件</th>
                  <th>行数</th>
                  <th>生成时间</th>
                  <th>总行确认</th>
                </tr>
              </thead>
              <tbody>
                {status.sent.map((p) => (
                  <tr key={p.seq}>
                    <td>{p.seq}</td>
                    <td>{p.fileName}</td>
                    <td>{p.rows}</td>
                    <td>{formatLocalDateTime(p.createdAt)}</td>
                    <td>{p.acknowledged ? '已确认' : '未确认'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="panel" aria-labelledby="sync-receive">
            <h2 id="sync-receive">总行发来的包</h2>
            <label className="btn">
              导入同步包…
              <input type="file" accept=".blpkg" multiple hidden disabled={busy} onChange={apply} data-testid="sync-apply" />
            </label>
            <table className="mini-table" data-testid="sync-received">
              <thead>
                <tr>
                  <th>序号</th>
                  <th>文件</th>
                  <th>状态</th>
                  <th>说明</th>
                  <th>时间</th>
                </tr>
              </thead>
              <tbody>
                {status.received.map((p) => (
                  <tr key={p.seq}>
                    <td>{p.seq}</td>
                    <td>{p.fileName}</td>
                    <td>{p.status === 'applied' ? '已导入' : '暂存（等待前一个包）'}</td>
                    <td>{p.reason}</td>
                    <td>{formatLocalDateTime(p.at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {status.refused.length > 0 ? (
              <>
                <h3>拒收的包</h3>
                <table className="mini-table" data-testid="sync-refused">
                  <thead>
                    <tr>
                      <th>文件</th>
                      <th>原因</th>
                      <th>时间</th>
                    </tr>
                  </thead>
                  <tbody>
                    {status.refused.map((p) => (
                      <tr key={`${p.at}-${p.fileName}`}>
                        <td>{p.fileName}</td>
                        <td>{p.reason}</td>
                        <td>{formatLocalDateTime(p.at)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : null}
          </section>
          {status.messages.length > 0 ? (
            <section className="panel" aria-labelledby="sync-messages">
              <h2 id="sync-messages">总行通知</h2>
              <ul className="hq-messages" data-testid="sync-messages">
                {status.messages.map((m) => (
                  <li key={m.id}>
                    <strong>{m.title}</strong>
                    <span className="muted">
                      {' '}
                      {m.sentBy} · {m.sentOn}
                    </span>
                    <p style={{ whiteSpace: 'pre-wrap', margin: '4px 0 12px' }}>{m.body}</p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
