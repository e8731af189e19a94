import { html, type Html } from './html';

export const NAV = [
  { path: '/', label: '总览' },
  { path: '/buckets', label: '逾期分段' },
  { path: '/archive', label: '档案' },
  { path: '/sync', label: '同步' },
] as const;

export interface SignedIn {
  username: string;
  name: string;
  csrf: string;
}

export interface PageParts {
  title: string;
  /** The nav entry this page belongs to. */
  active: string;
  user: SignedIn;
  body: Html;
  /** A success message from the action just done. */
  flash?: string | null;
  error?: string | null;
}

export function document(title: string, body: Html): Html {
  return html`<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · 总行控制台</title><link rel="stylesheet" href="/assets/console.css"></head>
<body>${body}</body>
</html>`;
}

/** A signed-in page: the navigation, who is signed in with the sign-out button, the messages, the page. */
export function page(p: PageParts): Html {
  const nav = NAV.map((n) => html`<a href="${n.path}"${n.path === p.active ? html` class="active" aria-current="page"` : ''}>${n.label}</a>`);
  return document(
    p.title,
    html`<header><span class="brand">总行控制台</span><nav>${nav}</nav>
<span class="who">${p.user.name}（${p.user.username}）</span>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="${p.user.csrf}"><button class="plain" type="submit">退出</button></form></header>
<main><h1>${p.title}</h1>
${p.flash ? html`<div class="notice ok" role="status">${p.flash}</div>` : ''}
${p.error ? html`<div class="notice error" role="alert">${p.error}</div>` : ''}
${p.body}</main>`,
  );
}
