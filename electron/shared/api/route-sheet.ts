import { z } from 'zod';
import { rpc } from './contract';
import { businessDate } from './business-date';
import type { PrintOutcome } from './register';

/**
 * The route sheet for a village visit (走访路线单): the village's loans that are on some worklist
 * (overdue, maturing within the 到期提示 window, due for hand-over or 诉讼准备), in register
 * order, with where to find the household, what is due, the last contact and the last promise,
 * and an empty column to write the visit down. A4 landscape.
 */
export const routeSheetApi = {
  'routeSheet.print': rpc<PrintOutcome & { rows: number; amountDueFen: number }>()(
    z
      .object({
        villageId: z.string().min(1).max(100),
        /** One manager's loans only; absent for every loan of the village. */
        managerId: z.string().min(1).max(100).optional(),
        /** Absent: the register's data date (as the worklists). */
        asOf: businessDate.optional(),
        deliver: z.enum(['file', 'preview']).default('file'),
      })
      .strict(),
  ),
};
