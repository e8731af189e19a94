import type { ContactView } from '../../../../electron/shared/api/contacts';

export { promiseWords as promiseText } from '../../../../electron/shared/promise-words';

export function promiseClass(c: Pick<ContactView, 'promise'>): string {
  return c.promise?.status === 'kept' ? 'promise-kept' : c.promise?.status === 'broken' ? 'promise-broken' : '';
}
