import type { ImportCounts } from '../../../../electron/shared/api/imports';
import { formatCount } from '../../format';
import { routeHref } from '../../router/hash-router';
import { REGISTER_PATHS } from '../register/paths';

/** What a committed import did. */
export function ImportResultView({
  fileName,
  asOf,
  fullExport,
  result,
  onAnother,
}: {
  fileName: string;
  asOf: string;
  fullExport: boolean;
  result: ImportCounts & { importId: string };
  onAnother(): void;
}) {
  const figures: Array<[string, string, number]> = [
    ['rowsRead', '读取行数', result.rowsRead],
    ['accepted', '接受', result.accepted],
    ['inserted', '新增', result.inserted],
    ['updated', '变更', result.updated],
    ['unchanged', '未变', result.unchanged],
    ['duplicates', '重复', result.duplicates],
    ['settled', '结清', result.settled],
    ['rejected', '拒绝', result.rejected.length],
    ['warnings', '提示', result.warnings.length],
  ];
  return (
    <section className="panel import-result" role="status" data-testid="import-result">
      <div className="alert alert-success">
        已导入 {fileName}：数据日期 {asOf}
        {fullExport ? '（完整导出）' : '（部分导出）'}，新增 {formatCount(result.inserted)} 笔、变更 {formatCount(result.updated)} 笔
        {result.settled > 0 ? `、结清 ${formatCount(result.settled)} 笔` : ''}。
      </div>
      <div className="summary-strip summary-strip-compact">
        {figures.map(([key, label, value]) => (
          <div key={key} className="summary-item">
            <span className="summary-label">{label}</span>
            <span className="summary-value" data-testid={`result-count-${key}`}>
              {formatCount(value)}
            </span>
          </div>
        ))}
      </div>
      <div className="form-actions">
        <a className="btn btn-primary" href={routeHref(REGISTER_PATHS.overview)} data-testid="import-back-to-overview">
          返回村级概览
        </a>
        <button type="button" className="btn" onClick={onAnother}>
          导入其他文件
        </button>
      </div>
    </section>
  );
}
