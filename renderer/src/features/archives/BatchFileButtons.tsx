import { useState } from 'react';
import { call } from '../../api/client';
import { downloadFile } from '../../files';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { deliverArchivePrint } from './archive-messages';

/** A batch's 打印移交清单 (the transmittal list's PDF) and 下载清单文件 (the manifest for head office), with what came of them. */
export function BatchFileButtons({ batchId, compact }: { batchId: string; compact?: boolean }) {
  const { handleSessionError } = useSession();
  const [busy, setBusy] = useState<'print' | 'manifest' | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  async function run(what: 'print' | 'manifest') {
    setBusy(what);
    setNotice(null);
    try {
      if (what === 'print') {
        setNotice({ kind: 'success', text: deliverArchivePrint(await call('archiveBatches.printTransmittal', { batchId, deliver: 'preview' }), 'A4 纵向') });
      } else {
        const file = await call('archiveBatches.manifest', { batchId });
        downloadFile(file);
        setNotice({ kind: 'success', text: `已下载 ${file.fileName}（SHA-256 ${file.sha256.slice(0, 12)}…），请随档案一并报送总行。` });
      }
    } catch (err) {
      if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  const cls = compact ? 'btn-link' : 'btn';
  return (
    <span className="archive-batch-files">
      <button type="button" className={cls} onClick={() => void run('print')} disabled={busy !== null} data-testid="archive-batch-print">
        {busy === 'print' ? '正在生成…' : '打印移交清单'}
      </button>
      <button type="button" className={cls} onClick={() => void run('manifest')} disabled={busy !== null} data-testid="archive-batch-manifest">
        {busy === 'manifest' ? '正在生成…' : '下载清单文件'}
      </button>
      {notice ? (
        <span className={notice.kind === 'error' ? 'text-danger archive-batch-notice' : 'muted archive-batch-notice'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="archive-batch-file-notice">
          {notice.text}
        </span>
      ) : null}
    </span>
  );
}
