import { useEffect, useState } from 'react';
import { useRpcQuery } from '../api/useRpcQuery';

const changes = new EventTarget();

/** Says that the register's data date may have moved (an import committed, demo data written). */
export function dataAsOfChanged(): void {
  changes.dispatchEvent(new Event('changed'));
}

/** 数据截至 YYYY-MM-DD in the header: the date of the newest data the register holds. */
export function DataAsOf() {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const onChange = () => setVersion((v) => v + 1);
    changes.addEventListener('changed', onChange);
    return () => changes.removeEventListener('changed', onChange);
  }, []);
  const { state } = useRpcQuery('imports.dataAsOf', {}, version);
  if (state.status !== 'ready') return null;
  return (
    <span className="app-data-as-of" data-testid="data-as-of" title="台账中最新数据的日期（导入文件的数据日期）">
      {state.data.dataAsOf ? `数据截至 ${state.data.dataAsOf}` : '尚未导入数据'}
    </span>
  );
}
