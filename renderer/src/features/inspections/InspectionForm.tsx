import { useState, type FormEvent } from 'react';
import {
  INSPECTION_CONCLUSION_LABELS,
  INSPECTION_CONCLUSIONS,
  INSPECTION_WAY_LABELS,
  INSPECTION_WAYS,
  TASK_KIND_LABELS,
  type FindingAnswer,
  type InspectionConclusion,
  type InspectionTemplate,
  type InspectionWay,
  type RecordedInspection,
  type RiskSignal,
  type TaskKind,
} from '../../../../electron/shared/api/inspections';
import { parseBusinessDate, todayLocal } from '../../../../electron/shared/dates';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { DateInput } from '../../ui/DateInput';
import { DialogSaveFooter } from '../../ui/DialogSaveFooter';
import { LoadStatus } from '../../ui/LoadStatus';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { Modal } from '../archives/ArchiveDialogs';

/** The loan (and the task, when opened from the worklist) an inspection is recorded for. */
export interface InspectionTarget {
  loanId: string;
  loanNo: string;
  borrower: string;
  task?: { kind: TaskKind; dueOn: string };
}

/** 登记检查: date, way, the product's template questions, risk signals, conclusion and follow-up. */
export function InspectionDialog({ target, onClose, onSaved }: { target: InspectionTarget; onClose(): void; onSaved(out: RecordedInspection): void }) {
  const template = useRpcQuery('inspections.template', { loanId: target.loanId });
  return (
    <Modal title={`登记检查：${target.loanNo} ${target.borrower}`} testId="inspection-dialog" wide onClose={onClose}>
      {target.task ? (
        <p className="muted" data-testid="inspection-task">
          {TASK_KIND_LABELS[target.task.kind]}，应检查日 {target.task.dueOn}
        </p>
      ) : null}
      <LoadStatus state={template.state} />
      {template.state.status === 'ready' ? <InspectionForm loanId={target.loanId} template={template.state.data} onCancel={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function InspectionForm({ loanId, template, onCancel, onSaved }: { loanId: string; template: InspectionTemplate; onCancel(): void; onSaved(out: RecordedInspection): void }) {
  const { busy, errors, setErrors, formError, setFormError, run } = useFormSubmit();
  const [on, setOn] = useState(todayLocal());
  const [way, setWay] = useState<InspectionWay | ''>('');
  const [answers, setAnswers] = useState<Record<string, FindingAnswer | undefined>>({});
  const [signals, setSignals] = useState<RiskSignal[]>([]);
  const [conclusion, setConclusion] = useState<InspectionConclusion | ''>('');
  const [followUp, setFollowUp] = useState('');

  /** A field's message goes once the field is changed. */
  const fixed = (key: string) =>
    setErrors((cur) => {
      if (!(key in cur)) return cur;
      const { [key]: _gone, ...rest } = cur;
      return rest;
    });

  /** Sets a field and takes its message away. */
  function change<T>(key: string, set: (v: T) => void, v: T) {
    set(v);
    fixed(key);
  }
  const answer = (key: string, v: FindingAnswer) => change(`findings.${key}`, (x: FindingAnswer) => setAnswers((a) => ({ ...a, [key]: x })), v);

  function submit(e: FormEvent) {
    e.preventDefault();
    const bad: Record<string, string> = {};
    const date = parseBusinessDate(on.trim());
    if (date === null) bad.inspectedOn = '请填写检查日期（YYYY-MM-DD）';
    else if (date > todayLocal()) bad.inspectedOn = '检查日期不能晚于今天';
    if (way === '') bad.way = '请选择检查方式';
    for (const q of template.questions) {
      const a = answers[q.key];
      if (q.required && (a === undefined || (typeof a === 'string' && a.trim() === ''))) bad[`findings.${q.key}`] = q.kind === 'yesno' ? '请选择“是”或“否”' : '请填写';
    }
    if (conclusion === '') bad.conclusion = '请选择检查结论';
    if (Object.keys(bad).length > 0 || date === null || way === '' || conclusion === '') {
      setErrors(bad);
      setFormError('请按提示修改标红的项目。');
      return;
    }
    const findings = Object.fromEntries(Object.entries(answers).filter((e): e is [string, FindingAnswer] => e[1] !== undefined && e[1] !== ''));
    void run(async () => {
      onSaved(await call('inspections.record', { loanId, inspectedOn: date, way, findings, riskSignals: signals, conclusion, followUp: followUp.trim() }));
    });
  }

  const err = (key: string) =>
    errors[key] ? (
      <span className="field-error" role="alert">
        {errors[key]}
      </span>
    ) : null;

  return (
    <form noValidate onSubmit={submit} aria-label="检查记录" className="inspection-form" data-testid="inspection-form">
      <div className="handover-form">
        <label>
          检查日期
          <DateInput value={on} onChange={(v) => change('inspectedOn', setOn, v)} max={todayLocal()} data-testid="inspection-date" />
          {err('inspectedOn')}
        </label>
        <fieldset className="inspection-choice">
          <legend>检查方式</legend>
          {INSPECTION_WAYS.map((w) => (
            <label key={w} className="check">
              <input type="radio" name="way" checked={way === w} onChange={() => change('way', setWay, w)} data-testid={`inspection-way-${w}`} />
              {INSPECTION_WAY_LABELS[w]}
            </label>
          ))}
          {err('way')}
        </fieldset>
      </div>
      <fieldset className="inspection-findings" data-testid="inspection-findings">
        <legend>检查情况（{template.productKind === 'business' ? '经营贷款' : '农户贷款'}）</legend>
        {template.questions.map((q) =>
          q.kind === 'yesno' ? (
            <div key={q.key} className="inspection-question" data-question={q.key}>
              <span>
                {q.label}
                {q.required ? null : <span className="muted">（选填）</span>}
              </span>
              {[true, false].map((v) => (
                <label key={String(v)} className="check">
                  <input type="radio" name={`q-${q.key}`} checked={answers[q.key] === v} onChange={() => answer(q.key, v)} />
                  {v ? '是' : '否'}
                </label>
              ))}
              {err(`findings.${q.key}`)}
            </div>
          ) : (
            <label key={q.key} className="inspection-question inspection-question-text" data-question={q.key}>
              <span>
                {q.label}
                {q.required ? null : <span className="muted">（选填）</span>}
              </span>
              <input value={typeof answers[q.key] === 'string' ? (answers[q.key] as string) : ''} maxLength={500} onChange={(e) => answer(q.key, e.target.value)} />
              {err(`findings.${q.key}`)}
            </label>
          ),
        )}
      </fieldset>
      <fieldset className="inspection-choice inspection-signals" data-testid="inspection-signals">
        <legend>风险预警信号（可多选，无则不选）</legend>
        {template.riskSignals.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" checked={signals.includes(s)} onChange={(e) => setSignals((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))} />
            {s}
          </label>
        ))}
      </fieldset>
      <fieldset className="inspection-choice">
        <legend>检查结论</legend>
        {INSPECTION_CONCLUSIONS.map((c) => (
          <label key={c} className="check">
            <input type="radio" name="conclusion" checked={conclusion === c} onChange={() => change('conclusion', setConclusion, c)} data-testid={`inspection-conclusion-${c}`} />
            {INSPECTION_CONCLUSION_LABELS[c]}
          </label>
        ))}
        {err('conclusion')}
      </fieldset>
      <label className="inspection-follow-up">
        后续措施
        <textarea value={followUp} onChange={(e) => setFollowUp(e.target.value)} maxLength={1000} rows={2} placeholder="如：一个月后电话回访；督促补充担保" data-testid="inspection-follow-up" />
        {err('followUp')}
      </label>
      <DialogSaveFooter error={formError} errorTestId="inspection-error" busy={busy} label="保存检查记录" saveTestId="inspection-save" onCancel={onCancel} />
    </form>
  );
}
