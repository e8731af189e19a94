import type { ArchiveSummary } from '../../../../electron/shared/api/archives';
import { ARCHIVE_STATUS_LABELS, ARCHIVE_STATUSES, type ArchiveStatus } from '../../../../electron/shared/archive';

/** One tab of the archive page: files of a status (or overdue, or all), or the hand-over batches. */
export interface ArchiveTab {
  id: string;
  label: string;
  /** The files' filter; absent on 全部 and 移交批次. */
  status?: ArchiveStatus | 'overdue';
  /** The hand-over batches instead of files. */
  batches?: true;
  count(s: ArchiveSummary): number | null;
}

export const ARCHIVE_TABS: readonly ArchiveTab[] = [
  { id: 'all', label: '全部', count: (s) => ARCHIVE_STATUSES.reduce((n, st) => n + (s.byStatus[st] ?? 0), 0) },
  ...ARCHIVE_STATUSES.map((status) => ({ id: status, label: ARCHIVE_STATUS_LABELS[status], status, count: (s: ArchiveSummary) => s.byStatus[status] ?? 0 })),
  { id: 'overdue', label: '逾期', status: 'overdue', count: (s) => s.overdue },
  { id: 'batches', label: '移交批次', batches: true, count: () => null },
];
