import type { ReactNode } from 'react';

/** The frame of the sign-in and first-run pages: product name above a centred card. */
export function AuthLayout({ wide, children }: { wide?: boolean; children: ReactNode }) {
  return (
    <div className="auth-screen">
      <div className="auth-brand">
        <div className="auth-brand-title">支行贷后台账</div>
        <div className="auth-brand-sub">分村贷款清册 · 管户分配 · 催收 · 信贷档案</div>
      </div>
      <div className={wide ? 'auth-card auth-card-wide' : 'auth-card'}>{children}</div>
    </div>
  );
}
