import { document } from '../layout';
import { html, type Html } from '../html';

export function loginPage(csrf: string, username: string, error: string | null): Html {
  return document(
    '登录',
    html`<form class="login" method="post" action="/login"><h1>总行控制台</h1>
${error ? html`<div class="notice error" role="alert">${error}</div>` : ''}
<input type="hidden" name="csrf" value="${csrf}">
<p><label for="username">用户名</label><input id="username" type="text" name="username" value="${username}" autocomplete="username" maxlength="32" required autofocus></p>
<p><label for="password">密码</label><input id="password" type="password" name="password" autocomplete="current-password" maxlength="128" required></p>
<button type="submit">登录</button></form>`,
  );
}
