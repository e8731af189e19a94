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
        loans: z.number().int().min(1).max(500_000).default(9000),
        seed: z.number().int().default(20261125),
      })
      .strict(),
  ),
};
