import { useRpcQuery } from '../../api/useRpcQuery';

/** villages.overview; `reload` fetches it again (after an import, demo data…). */
export function useVillagesOverview() {
  return useRpcQuery('villages.overview', {});
}
