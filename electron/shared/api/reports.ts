import { z } from 'zod';
import { rpc } from './contract';

/** The CLI's `report portfolio --json` contract: active loans only. */
export interface PortfolioReport {
  loans: number;
  borrowers: number;
  balanceFen: number;
  overdueLoans: number;
  villages: Array<{ township: string; village: string; loans: number; balanceFen: number }>;
}

export const reportsApi = {
  'reports.portfolio': rpc<PortfolioReport>()(z.object({}).strict()),
};
