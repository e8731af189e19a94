import { z } from 'zod';
import { rpc } from './contract';

export interface DemoDataSummary {
  villages: number;
  households: number;
  loans: number;
  managers: number;
}

export const demoApi = {
  'demo.generate': rpc<DemoDataSummary>()(
    z
      .object({
        loans: z.number().int('贷款笔数须为整数').min(1, '贷款笔数至少为 1').max(500_000, '贷款笔数最多 500000').default(9000),
        seed: z.number().int('种子须为整数').default(20261125),
      })
      .strict(),
  ),
};
