import { useState, type FormEvent } from 'react';
import { RULE_GUARANTEE_TYPES, type InspectionRuleView, type RuleGuaranteeType } from '../../../../electron/shared/api/inspections';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { FormError } from '../../ui/Field';
import { LoadStatus } from '../../ui/LoadStatus';
import { useFormSubmit } from '../../ui/useFormSubmit';

interface RuleDraft {
  product: string;
  guaranteeType: RuleGuaranteeType;
  firstDays: string;
  routineMonths: string;
}

const EMPTY: RuleDraft = { product: '', guaranteeType: '', firstDays: '30', routineMonths: '6' };

/** 检查规则: when loans are inspected, by product and guarantee type (the most specific rule wins), and the share the spot checks draw. */
export function RulesTab({ canEdit, onSaved }: { canEdit: boolean; onSaved(text: string): void }) {
  const [version, setVersion] = useState(0);
  const rules = useRpcQuery('inspections.rules', {}, version);
  const percent = useRpcQuery('spotChecks.settings', {}, version);
  const [editing, setEditing] = useState<RuleDraft | null>(null);
  const saved = (text: string) => {
    setVersion((v) => v + 1);
    setEditing(null);
    onSaved(text);
  };

  return (
    <div className="inspection-rules">
      <section className="panel" aria-labelledby="rules-title">
        <h2 id="rules-title">贷后检查规则</h2>
        <p className="muted">
          放款后若干天内首次检查，以后每若干个月常规检查一次；贷款逾期或五级分类下调时另行安排专项检查。按产品和担保方式选用规则，越具体的规则优先（留空表示任意）。修改规则不影响已安排的检查任务。
        </p>
        <LoadStatus state={rules.state} />
        {rules.state.status === 'ready' ? (
          <table className="mini-table spot-inspectors" data-testid="rules-table">
            <thead>
              <tr>
                <th>产品</th>
                <th>担保方式</th>
                <th className="num">首次检查（放款后天数）</th>
                <th className="num">常规检查间隔（月）</th>
                {canEdit ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {rules.state.data.map((r: InspectionRuleView) => (
                <tr key={r.id}>
                  <td>{r.product || '任意产品'}</td>
                  <td>{r.guaranteeType || '任意'}</td>
                  <td className="num">{r.firstDays}</td>
                  <td className="num">{r.routineMonths}</td>
                  {canEdit ? (
                    <td>
                      <button
                        type="button"
                        className="btn-link"
                        onClick={() => setEditing({ product: r.product, guaranteeType: r.guaranteeType, firstDays: String(r.firstDays), routineMonths: String(r.routineMonths) })}
                      >
                        修改
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {canEdit ? (
          editing ? (
            <RuleForm key={`${editing.product}|${editing.guaranteeType}`} draft={editing} onCancel={() => setEditing(null)} onSaved={saved} />
          ) : (
            <button type="button" className="btn" onClick={() => setEditing(EMPTY)} data-testid="rule-add">
              添加规则
            </button>
          )
        ) : (
          <p className="muted">规则由支行长或管理员设定。</p>
        )}
      </section>
      <section className="panel" aria-labelledby="spot-percent-title">
        <h2 id="spot-percent-title">抽查比例</h2>
        <LoadStatus state={percent.state} />
        {percent.state.status === 'ready' ? <PercentForm key={percent.state.data.percent} percent={percent.state.data.percent} canEdit={canEdit} onSaved={saved} /> : null}
      </section>
    </div>
  );
}

function RuleForm({ draft, onCancel, onSaved }: { draft: RuleDraft; onCancel(): void; onSaved(text: string): void }) {
  const { busy, errors, formError, run } = useFormSubmit();
  const [d, setD] = useState(draft);
  const set = <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  return (
    <form
      className="rule-form"
      noValidate
      aria-label="检查规则"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void run(async () => {
          const r = await call('inspections.saveRule', { product: d.product.trim(), guaranteeType: d.guaranteeType, firstDays: Number(d.firstDays), routineMonths: Number(d.routineMonths) });
          onSaved(`已保存规则：${r.product || '任意产品'}、${r.guaranteeType || '任意担保方式'}，放款后 ${r.firstDays} 天内首次检查，以后每 ${r.routineMonths} 个月一次。`);
        });
      }}
    >
      <label>
        产品
        <input value={d.product} onChange={(e) => set('product', e.target.value)} maxLength={60} placeholder="留空为任意产品" aria-invalid={errors.product ? true : undefined} />
        {errors.product ? <span className="field-error">{errors.product}</span> : null}
      </label>
      <label>
        担保方式
        <select value={d.guaranteeType} onChange={(e) => set('guaranteeType', e.target.value as RuleGuaranteeType)}>
          {RULE_GUARANTEE_TYPES.map((g) => (
            <option key={g} value={g}>
              {g || '任意'}
            </option>
          ))}
        </select>
      </label>
      <label>
        首次检查（放款后天数）
        <input inputMode="numeric" value={d.firstDays} onChange={(e) => set('firstDays', e.target.value)} aria-invalid={errors.firstDays ? true : undefined} />
        {errors.firstDays ? <span className="field-error">{errors.firstDays}</span> : null}
      </label>
      <label>
        常规检查间隔（月）
        <input inputMode="numeric" value={d.routineMonths} onChange={(e) => set('routineMonths', e.target.value)} aria-invalid={errors.routineMonths ? true : undefined} />
        {errors.routineMonths ? <span className="field-error">{errors.routineMonths}</span> : null}
      </label>
      <div className="rule-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? '正在保存…' : '保存规则'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          取消
        </button>
      </div>
      <FormError message={formError} />
    </form>
  );
}

function PercentForm({ percent, canEdit, onSaved }: { percent: number; canEdit: boolean; onSaved(text: string): void }) {
  const { busy, errors, formError, run } = useFormSubmit();
  const [text, setText] = useState(String(percent));
  if (!canEdit) return <p>每月抽查每名检查人本月检查的 {percent}%（向上取整）；比例由支行长或管理员设定。</p>;
  return (
    <form
      className="rule-form"
      noValidate
      aria-label="抽查比例"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void run(async () => {
          const r = await call('spotChecks.setPercent', { percent: Number(text) });
          onSaved(`抽查比例已设为 ${r.percent}%。`);
        });
      }}
    >
      <label>
        每月抽查每名检查人本月检查的（%）
        <input inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} aria-invalid={errors.percent ? true : undefined} data-testid="spot-percent" />
        {errors.percent ? <span className="field-error">{errors.percent}</span> : null}
      </label>
      <div className="rule-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          保存
        </button>
      </div>
      <FormError message={formError} />
    </form>
  );
}
