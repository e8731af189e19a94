import { z } from 'zod';
import { rpc } from './contract';

/** Limits an import checks every row against (issue 9: one bad cell could break every total). */
export interface ImportLimits {
  /** The largest balance, contract amount or interest owed of one loan, in whole 元. */
  maxLoanYuan: number;
}

export const settingsApi = {
  'settings.importLimits': rpc<ImportLimits>()(z.object({}).strict()),
  'settings.setImportLimits': rpc<ImportLimits>()(
    z
      .object({
        maxLoanYuan: z
          .number({ error: '请填写金额' })
          .int('请填写整数元')
          .min(10_000, '单笔上限不能低于 1 万元')
          .max(10_000_000_000, '单笔上限不能高于 100 亿元'),
      })
      .strict(),
  ),
};
