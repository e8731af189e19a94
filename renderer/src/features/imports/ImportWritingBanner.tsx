import { formatCount } from '../../format';
import { WRITE_WAITING_TEXT } from '../../ui/write-waiting';
import { setImportWriting, useImportWritingBanner } from './import-writing';

/** Above every page while an import is written elsewhere than on its preview, and what came of it. */
export function ImportWritingBanner() {
  const writing = useImportWritingBanner();
  if (!writing) return null;
  if (writing.kind === 'writing') {
    const progress = writing.written && writing.written.total > 0 ? `已写入 ${formatCount(writing.written.done)} / ${formatCount(writing.written.total)} 行` : '正在准备';
    return (
      <div className="alert alert-info import-writing" role="status" data-testid="import-writing">
        正在导入 {writing.fileName}（{writing.waitingForLock ? WRITE_WAITING_TEXT : progress}）。写完之前，各页显示的是导入前的数据，其他保存要等它写完。
      </div>
    );
  }
  return (
    <div className={writing.ok ? 'alert alert-info import-writing' : 'alert alert-error import-writing'} role="status" data-testid="import-writing">
      {writing.text}
      <button type="button" className="btn btn-small" onClick={() => setImportWriting(null)} data-testid="import-writing-close">
        知道了
      </button>
    </div>
  );
}
