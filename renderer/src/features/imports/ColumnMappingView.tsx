import { useState } from 'react';
import { IMPORT_FIELD_LABELS, IMPORT_FIELD_NAMES, REQUIRED_IMPORT_FIELDS, type ImportField } from '../../../../electron/shared/import-fields';
import { columnLetter } from '../../format';

type Mapping = Partial<Record<ImportField, number>>;

/** The mapping form lists the fields a file must have first. */
const FIELDS_REQUIRED_FIRST: readonly ImportField[] = [
  ...REQUIRED_IMPORT_FIELDS,
  ...IMPORT_FIELD_NAMES.filter((f) => !REQUIRED_IMPORT_FIELDS.includes(f)),
];

interface Props {
  fileName: string;
  /** The file's first rows as text; index i is the headerIndex to send back. */
  sampleRows: string[][];
  /** The backend reader's guess, used as the starting point when it has one. */
  suggestedHeaderIndex: number | null;
  suggestedMapping: Mapping;
  onApply(layout: { headerIndex: number; mapping: Mapping }): void;
  onCancel(): void;
}

/** The likeliest header: the row with the most filled cells (the first of equals). */
function guessHeaderIndex(rows: string[][]): number {
  let best = 0;
  let bestCount = -1;
  rows.forEach((row, i) => {
    const count = row.filter((c) => c.trim() !== '').length;
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  });
  return best;
}

const normalize = (s: string) => s.replace(/[\s（）()【】[\]:：*]/g, '').replace(/元$/, '');

/**
 * A first guess from the header texts, for the user to check: a column named exactly like the
 * field, else the one column whose name contains the field's name. Each column is used once.
 */
function guessMapping(header: string[]): Mapping {
  const names = header.map(normalize);
  const used = new Set<number>();
  const mapping: Mapping = {};
  for (const field of IMPORT_FIELD_NAMES) {
    const label = normalize(IMPORT_FIELD_LABELS[field]);
    let col = names.findIndex((n, i) => !used.has(i) && n === label);
    if (col < 0) {
      const partial = names.map((n, i) => (!used.has(i) && n.length >= 2 && n.includes(label) ? i : -1)).filter((i) => i >= 0);
      if (partial.length === 1) col = partial[0];
    }
    if (col >= 0) {
      mapping[field] = col;
      used.add(col);
    }
  }
  return mapping;
}

/** Problems that stop the mapping from being sent; empty when it is complete. */
function mappingProblems(mapping: Mapping): string[] {
  const problems: string[] = [];
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => mapping[f] === undefined);
  if (missing.length > 0) problems.push(`请指定必填项所在的列：${missing.map((f) => IMPORT_FIELD_LABELS[f]).join('、')}。`);
  const byColumn = new Map<number, ImportField[]>();
  for (const f of IMPORT_FIELD_NAMES) {
    const col = mapping[f];
    if (col !== undefined) byColumn.set(col, [...(byColumn.get(col) ?? []), f]);
  }
  for (const [col, fields] of byColumn) {
    if (fields.length > 1) problems.push(`第 ${columnLetter(col)} 列被同时指定为 ${fields.map((f) => IMPORT_FIELD_LABELS[f]).join('、')}。`);
  }
  return problems;
}

/**
 * 指定列: the file's header was not recognised. The user picks the header row and, for each field,
 * its column; the backend remembers the choice for files with the same header when the import is committed.
 */
export function ColumnMappingView({ fileName, sampleRows, suggestedHeaderIndex, suggestedMapping, onApply, onCancel }: Props) {
  const width = sampleRows.reduce((w, r) => Math.max(w, r.length), 0);
  const [headerIndex, setHeaderIndex] = useState(() => suggestedHeaderIndex ?? guessHeaderIndex(sampleRows));
  const [mapping, setMapping] = useState<Mapping>(() =>
    suggestedHeaderIndex !== null ? suggestedMapping : guessMapping(sampleRows[guessHeaderIndex(sampleRows)] ?? []),
  );
  const [problems, setProblems] = useState<string[]>([]);
  const header = sampleRows[headerIndex] ?? [];

  const fieldOfColumn = new Map<number, ImportField>();
  for (const f of IMPORT_FIELD_NAMES) {
    const col = mapping[f];
    if (col !== undefined && !fieldOfColumn.has(col)) fieldOfColumn.set(col, f);
  }

  function chooseHeader(i: number) {
    setHeaderIndex(i);
    setMapping(guessMapping(sampleRows[i] ?? []));
    setProblems([]);
  }

  function setField(field: ImportField, value: string) {
    setMapping((m) => {
      const next = { ...m };
      if (value === '') delete next[field];
      else next[field] = Number(value);
      return next;
    });
    setProblems([]);
  }

  function apply() {
    const found = mappingProblems(mapping);
    setProblems(found);
    if (found.length === 0) onApply({ headerIndex, mapping });
  }

  return (
    <section className="panel mapping" aria-labelledby="mapping-title" data-testid="mapping-screen">
      <div className="panel-title-row">
        <h2 id="mapping-title">指定列</h2>
        <span className="muted">{fileName}</span>
      </div>
      <p className="mapping-help">
        未能自动识别这个文件的表头。请先在下表中选择<strong>表头所在的行</strong>，再为每个项目选择所在的列（带
        <span className="required-mark">*</span> 的必须指定）。确认导入后，同样表头的文件以后会自动识别。
      </p>

      <div className="mapping-sample" role="region" aria-label="文件前几行" tabIndex={0}>
        <table className="mini-table sample-table">
          <thead>
            <tr>
              <th className="sample-pick">表头行</th>
              <th className="sample-rownum">行</th>
              {Array.from({ length: width }, (_, c) => (
                <th key={c} className={fieldOfColumn.has(c) ? 'sample-col-mapped' : undefined}>
                  {columnLetter(c)}
                  {fieldOfColumn.has(c) ? <span className="sample-col-field">{IMPORT_FIELD_LABELS[fieldOfColumn.get(c)!]}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sampleRows.map((row, i) => (
              <tr key={i} className={i === headerIndex ? 'sample-header-row' : i < headerIndex ? 'row-muted' : undefined} onClick={() => chooseHeader(i)}>
                <td className="sample-pick">
                  <input
                    type="radio"
                    name="mapping-header-row"
                    checked={i === headerIndex}
                    onChange={() => chooseHeader(i)}
                    aria-label={`第 ${i + 1} 行是表头`}
                    data-testid={`mapping-header-${i}`}
                  />
                </td>
                <td className="sample-rownum">{i + 1}</td>
                {Array.from({ length: width }, (_, c) => (
                  <td key={c} title={row[c] ?? ''} className={fieldOfColumn.has(c) && i > headerIndex ? 'sample-col-mapped' : undefined}>
                    {row[c] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3 className="mapping-subtitle">各项目所在的列（表头为第 {headerIndex + 1} 行）</h3>
      <div className="mapping-fields">
        {FIELDS_REQUIRED_FIRST.map((field) => {
          const required = REQUIRED_IMPORT_FIELDS.includes(field);
          const id = `mapping-${field}`;
          return (
            <div key={field} className={required && mapping[field] === undefined && problems.length > 0 ? 'mapping-field field-invalid' : 'mapping-field'}>
              <label htmlFor={id}>
                {IMPORT_FIELD_LABELS[field]}
                {required ? <span className="required-mark">*</span> : null}
              </label>
              <select id={id} value={mapping[field] ?? ''} onChange={(e) => setField(field, e.target.value)} data-testid={`mapping-field-${field}`}>
                <option value="">（不导入）</option>
                {Array.from({ length: width }, (_, c) => (
                  <option key={c} value={c}>
                    {columnLetter(c)} · {header[c]?.trim() || '（空）'}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>

      {problems.length > 0 ? (
        <div className="alert alert-error" role="alert" data-testid="mapping-error">
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </div>
      ) : null}

      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={apply} data-testid="mapping-apply">
          按此设置预览
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          取消
        </button>
      </div>
    </section>
  );
}
