import type { NoticeScope } from '../../../../electron/shared/api/notices';
import type { NoticeKind } from '../../../../electron/shared/notices';
import { navigate } from '../../router/hash-router';
import { NOTICES_NAV } from './paths';

/**
 * How another page opens 发放通知书 with its loans preselected: ticked rows (too many for a URL)
 * wait here for the notices page to take them; a village goes in the hash, `#/notices?village=<id>`,
 * so a reload keeps it.
 */
export interface NoticeRequest {
  scope: NoticeScope;
  /** What the scope is, in words: "工作清单中勾选的 12 笔贷款". */
  label: string;
  kind?: NoticeKind;
}

let pending: NoticeRequest | null = null;

/** Opens the notices page on 发放通知书 with these loans (ticked in a worklist or the register). */
export function openNoticeIssue(request: NoticeRequest): void {
  pending = request;
  navigate(NOTICES_NAV.path);
}

/** The path that opens 发放通知书 for one village. */
export function villageNoticesPath(villageId: string): string {
  return `${NOTICES_NAV.path}?village=${encodeURIComponent(villageId)}`;
}

/** The request the page was opened with: ticked loans, or the hash's village. */
export function readNoticeRequest(): NoticeRequest | null {
  if (pending) return pending;
  const query = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const villageId = query.get('village');
  return villageId ? { scope: { by: 'village', villageId }, label: '' } : null;
}

/** Once the page has read it: opening 通知书 later starts with nothing chosen. */
export function forgetNoticeRequest(): void {
  pending = null;
}
