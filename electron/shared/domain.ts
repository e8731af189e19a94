/** Vocabulary shared by backend and renderer. */

export const ROLES = ['clerk', 'manager', 'reviewer', 'head', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** A staff row's role: the login roles, or the built-in system actor (no login; the CLI without --as). */
export type StaffRole = Role | 'system';
/** Who may export or print resident IDs unmasked (PIPL: as few people as the work needs). */
export const FULL_ID_ROLES: readonly Role[] = ['head', 'admin'];

export const ROLE_LABELS: Record<Role, string> = {
  clerk: '内勤',
  manager: '客户经理',
  reviewer: '审查',
  head: '支行长',
  admin: '管理员',
};

/** Five-tier risk classification (五级分类); the last three are non-performing (不良). */
export const RISK_CLASSES = ['正常', '关注', '次级', '可疑', '损失'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];
export const NON_PERFORMING: readonly RiskClass[] = ['次级', '可疑', '损失'];
