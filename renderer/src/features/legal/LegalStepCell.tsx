import { useState } from 'react';
import { LEGAL_STEP_LABELS } from '../../../../electron/shared/api/legal';
import { useRpcQuery } from '../../api/useRpcQuery';
import { LegalStepDialog, type LegalTarget } from './LegalStepDialog';

/** A loan's latest legal step (or none) in the household panel's loan table, and 登记 to record one. */
export function LegalStepCell({ target, canRecord }: { target: LegalTarget; canRecord: boolean }) {
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState(false);
  const steps = useRpcQuery('legal.list', { loanId: target.loanId }, version);
  const latest = steps.state.status === 'ready' ? steps.state.data[0] : undefined;
  return (
    <>
      <span data-testid="household-legal-step">{latest ? `${LEGAL_STEP_LABELS[latest.kind]} ${latest.stepOn}` : ''}</span>
      {canRecord ? (
        <button type="button" className="btn-link" onClick={() => setOpen(true)} title="登记法律措施">
          {latest ? ' 更多' : '登记'}
        </button>
      ) : null}
      {open ? <LegalStepDialog target={target} onClose={() => setOpen(false)} onSaved={() => setVersion((v) => v + 1)} /> : null}
    </>
  );
}
