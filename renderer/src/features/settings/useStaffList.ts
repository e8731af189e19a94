import { useRpcQuery } from '../../api/useRpcQuery';

/** staff.list; the backend decides who may see it (a refusal is shown as its message). */
export function useStaffList() {
  return useRpcQuery('staff.list', {});
}
