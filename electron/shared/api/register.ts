import { z } from 'zod';
import { rpc } from './contract';
import type { RiskClass } from '../domain';
import { todayLocal } from '../dates';
import { businessDate, gridFilterDate } from './business-date';
import { limitedText } from './limited-text';

/** One loan with its household, as the register grid shows it. IDs come masked. */
export interface RegisterLoanRow {
  loanId: string;
  borrowerId: string;
  name: string;
  residentIdMasked: string;
  customerNo: string | null;
  phones: string;
  address: string;
  whereabouts: string;
  contactName: string;
  contactPhone: string;
  notes: string;
  township: string;
  village: string;
  loanNo: string;
  product: string;
  guaranteeType: string;
  disbursedOn: string | null;
  maturityOn: string | null;
  contractAmountFen: number | null;
  balanceFen: number;
  principalOverdueDays: number;
  interestOwedFen: number | null;
  riskClass: RiskClass | null;
  managerName: string | null;
  status: 'active' | 'settled';
  /** Handed over to the risk-asset unit (已移交风险资产部) and not returned: off the worklists, still in the register. */
  handedOver: boolean;
}

/** Sums of a view's money columns, in fen, summed in the database. */
export interface RegisterSums {
  balanceFen: number;
  contractAmountFen: number;
  interestOwedFen: number;
}

/** One page of a register view, with the count and sums of the whole view. */
export interface RegisterPageResult extends RegisterSums {
  rows: RegisterLoanRow[];
  total: number;
}

/** The register grid's column ids: the only names sorting and filtering accept. */
export const REGISTER_COLUMNS = [
  'name',
  'customerNo',
  'phones',
  'address',
  'whereabouts',
  'contactName',
  'contactPhone',
  'notes',
  'township',
  'village',
  'loanNo',
  'product',
  'guaranteeType',
  'disbursedOn',
  'maturityOn',
  'contractAmountFen',
  'balanceFen',
  'principalOverdueDays',
  'interestOwedFen',
  'riskClass',
  'managerName',
  'status',
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];

const textCondition = z.object({
  filterType: z.literal('text'),
  type: z.enum(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank']),
  filter: z.string().max(100).optional(),
});
const numberCondition = z.object({
  filterType: z.literal('number'),
  type: z.enum(['equals', 'notEqual', 'greaterThan', 'greaterThanOrEqual', 'lessThan', 'lessThanOrEqual', 'inRange', 'blank', 'notBlank']),
  filter: z.number().nullable().optional(),
  filterTo: z.number().nullable().optional(),
});
const dateCondition = z.object({
  filterType: z.literal('date'),
  type: z.enum(['equals', 'notEqual', 'greaterThan', 'lessThan', 'inRange', 'blank', 'notBlank']),
  dateFrom: gridFilterDate.nullable().optional(),
  dateTo: gridFilterDate.nullable().optional(),
});
const condition = z.discriminatedUnion('filterType', [textCondition, numberCondition, dateCondition]);
/** AG Grid's filter model: one condition, or two joined by AND/OR. */
export const columnFilterSchema = z.union([
  condition,
  z.object({ filterType: z.enum(['text', 'number', 'date']), operator: z.enum(['AND', 'OR']), conditions: z.array(condition).min(1).max(2) }),
]);
export type ColumnFilter = z.infer<typeof columnFilterSchema>;

export const registerQuerySchema = z
  .object({
    villageId: z.string().min(1).optional(),
    includeSettled: z.boolean().default(false),
    sort: z.array(z.object({ colId: z.enum(REGISTER_COLUMNS), sort: z.enum(['asc', 'desc']) })).max(5).default([]),
    filter: z.partialRecord(z.enum(REGISTER_COLUMNS), columnFilterSchema).default({}),
  })
  .strict();
export type RegisterQuery = z.infer<typeof registerQuerySchema>;

/** Longer than any name, ID, phone or loan number; the search box stops there too. */
export const SEARCH_MAX_LENGTH = 50;

export interface SearchHit {
  borrowerId: string;
  name: string;
  residentIdMasked: string;
  township: string;
  village: string;
  phones: string;
  loans: number;
  balanceFen: number;
}

export interface PhoneEntry {
  id: string;
  phone: string;
  note: string;
  verifiedOn: string | null;
  source: 'core' | 'local';
  /** As read: a correction or removal sends it back and is refused if the phone changed since. */
  updatedAt: number;
}

export interface HistoryEntry {
  at: number;
  actorName: string;
  action: 'insert' | 'update' | 'delete';
  table: string;
  /** Changed fields with before → after, for updates. */
  changes: Array<{ field: string; before: unknown; after: unknown }>;
  /** What the entry is about when the fields do not say it, e.g. the loan an import brought in. */
  note: string | null;
}

export interface HouseholdDetail {
  borrowerId: string;
  customerNo: string | null;
  name: string;
  residentIdMasked: string;
  residentIdValid: boolean;
  gender: 'M' | 'F' | null;
  /** Only for those who see IDs in full (it is what a masked ID hides); null for the rest. */
  birthDate: string | null;
  birthYear: number | null;
  /** The village the household belongs to (its register), or null. */
  villageId: string | null;
  township: string;
  village: string;
  address: string;
  whereabouts: string;
  contactName: string;
  contactPhone: string;
  notes: string;
  phones: PhoneEntry[];
  loans: RegisterLoanRow[];
  history: HistoryEntry[];
  /** Whether the caller may edit its contacts and phones (an account manager: only households of their own book). */
  canEdit: boolean;
}

export interface FileDownload {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

/**
 * A file too large for one answer (a county's register): kept by the backend for a while and
 * fetched in parts with register.downloadPart, each of them base64; the last part removes it.
 */
export interface StoredDownload {
  fileName: string;
  mimeType: string;
  downloadId: string;
  /** Bytes. */
  size: number;
}

/** The 'register.exportProgress' event of register.exportXlsx and register.exportXlsxFile: loans written, of the view's. */
export interface RegisterExportProgress {
  done: number;
  total: number;
}

/** A printed document: opened in the app's print preview, or handed back as a PDF file. */
export type PrintOutcome = { kind: 'preview'; fileName: string } | { kind: 'file'; file: FileDownload };

/** A real date (2025-02-30 is not), not after today: when a phone was checked. */
const pastDate = businessDate.refine((d) => d <= todayLocal(), '日期不能晚于今天');

/** Limits of the household's local fields, in characters: the forms and the grid check them too. */
/** A field as the caller showed it: compared with what is stored, never written. */
const wasText = z.string().max(2000).optional();
/** A household's local contact fields (the core system never sends them), with their labels on screen and in messages. */
export const CONTACT_FIELDS = ['whereabouts', 'contactName', 'contactPhone', 'notes'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export const CONTACT_LABELS: Record<ContactField, string> = { whereabouts: '现住地址', contactName: '联系人', contactPhone: '联系人电话', notes: '备注' };

export const TEXT_LIMITS = { whereabouts: 100, contactName: 20, contactPhone: 30, notes: 500, phone: 30, phoneNote: 50 } as const;

export const registerApi = {
  /** One page of a view, with the count and money sums of the whole view. */
  'register.loans': rpc<RegisterPageResult>()(
    registerQuerySchema.extend({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }),
  ),
  'register.search': rpc<SearchHit[]>()(z.object({ q: z.string().trim().min(1, '请输入搜索内容').max(SEARCH_MAX_LENGTH, `搜索内容最多 ${SEARCH_MAX_LENGTH} 个字`), limit: z.number().int().min(1).max(100).default(30) }).strict()),
  'register.household': rpc<HouseholdDetail>()(z.object({ borrowerId: z.string().min(1) }).strict()),
  /**
   * Sets local contact fields. `was` holds each sent field as the caller showed it: a field that
   * someone changed since is refused (STALE_WRITE), a field sent unchanged is left alone.
   */
  'register.updateContact': rpc<HouseholdDetail>()(
    z
      .object({
        borrowerId: z.string().min(1),
        whereabouts: limitedText(TEXT_LIMITS.whereabouts).optional(),
        contactName: limitedText(TEXT_LIMITS.contactName).optional(),
        contactPhone: limitedText(TEXT_LIMITS.contactPhone).optional(),
        notes: limitedText(TEXT_LIMITS.notes).optional(),
        was: z
          .object({
            whereabouts: wasText,
            contactName: wasText,
            contactPhone: wasText,
            notes: wasText,
          })
          .strict(),
      })
      .strict()
      .refine((v) => CONTACT_FIELDS.every((k) => v[k] === undefined || v.was[k] !== undefined), { message: '缺少修改前的值', path: ['was'] }),
  ),
  'register.savePhone': rpc<HouseholdDetail>()(
    z
      .object({
        borrowerId: z.string().min(1),
        /** Absent to add a phone. */
        phoneId: z.string().min(1).optional(),
        phone: limitedText(TEXT_LIMITS.phone).refine((s) => s.length > 0, '请输入电话号码'),
        note: limitedText(TEXT_LIMITS.phoneNote).default(''),
        verifiedOn: pastDate.nullable().optional(),
        /** The phone's updatedAt as read; required with phoneId. */
        updatedAt: z.number().int().optional(),
      })
      .strict()
      .refine((v) => v.phoneId === undefined || v.updatedAt !== undefined, { message: '缺少电话的修改时间', path: ['updatedAt'] }),
  ),
  /** Removes a phone staff added (core phones are corrected, not removed). */
  'register.deletePhone': rpc<HouseholdDetail>()(z.object({ borrowerId: z.string().min(1), phoneId: z.string().min(1), updatedAt: z.number().int() }).strict()),
  /** The grid's current view (village or whole book, filter, sort) as .xlsx, with how many households and loans it lists. */
  'register.exportXlsx': rpc<FileDownload & { households: number; loans: number }>()(registerQuerySchema.extend({ maskIds: z.boolean().default(true) })),
  /** The same export of any size, kept as a file and fetched with register.downloadPart (the app's 导出 Excel). */
  'register.exportXlsxFile': rpc<StoredDownload & { households: number; loans: number }>()(registerQuerySchema.extend({ maskIds: z.boolean().default(true) })),
  /** Up to 4 MiB of a stored download from `offset`; `done` on the last part, after which it is gone. */
  'register.downloadPart': rpc<{ contentBase64: string; done: boolean }>()(
    z.object({ downloadId: z.string().uuid(), offset: z.number().int().min(0) }).strict(),
  ),
  'register.printVillage': rpc<PrintOutcome>()(
    z
      .object({
        villageId: z.string().min(1),
        maskIds: z.boolean().default(true),
        /** 'preview': show it in the app's print preview when the host has one (the desktop app). */
        deliver: z.enum(['file', 'preview']).default('file'),
      })
      .strict(),
  ),
};
