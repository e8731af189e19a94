import { html, type Html } from '../html';

/** A GET form that narrows a page to one branch (or shows all). */
export function branchFilter(action: string, branches: ReadonlyArray<{ code: string; name: string }>, selected: string | undefined): Html {
  return html`<form class="filters" method="get" action="${action}"><label>支行
<select name="branch"><option value="">全部支行</option>${branches.map((b) => html`<option value="${b.code}"${b.code === selected ? html` selected` : ''}>${b.code} ${b.name}</option>`)}</select></label>
<button type="submit">查看</button></form>`;
}
