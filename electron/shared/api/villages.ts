import { z } from 'zod';
import { rpc } from './contract';

export interface VillageOverviewRow {
  villageId: string;
  township: string;
  village: string;
  households: number;
  loans: number;
  balanceFen: number;
  overdueLoans: number;
  overdueBalanceFen: number;
  managerName: string | null;
}

export interface VillagesOverview {
  rows: VillageOverviewRow[];
  totals: { villages: number; households: number; loans: number; balanceFen: number; overdueLoans: number; overdueBalanceFen: number };
}

export const villagesApi = {
  'villages.overview': rpc<VillagesOverview>()(z.object({}).strict()),
};
