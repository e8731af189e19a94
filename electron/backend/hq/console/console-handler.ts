import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../rpc/app-error';
import type { HqDb } from '../hq-db';
import type { HqKeys } from '../hq-keys';
import { CONSOLE_CSS } from './console-css';
import { clearedSessionCookie, sessionCookie, sessionIdOf } from './cookies';
import { document, page, type SignedIn } from './layout';
import { html, type Html } from './html';
import { archiveBody } from './pages/archive-page';
import { bucketsBody } from './pages/buckets-page';
import { loginPage } from './pages/login-page';
import { overviewBody } from './pages/overview-page';
import { freshValues, loadBatchForReceipt, receiptFormBody, recordReceiptFromForm } from './pages/receipt-page';
import { syncBody } from './pages/sync-page';
import { readForm } from './read-form';
import { branchFilterSchema, loginFormSchema, logoutFormSchema, noQuerySchema, parseRequest, queryOf, receiptFormSchema, receiptQuerySchema } from './request-schemas';
import { redirect, sendCss, sendHtml } from './respond';
import { SessionStore, type ConsoleSession } from './session-store';
import { ConsoleSignIn } from './sign-in';

export interface ConsoleContext {
  db: HqDb;
  keys: HqKeys | null;
  hqDir: string | null;
  /** Where errors nobody can show the user go (the terminal the console runs in). */
  logError: (message: string) => void;
}

const STATUS_OF: Record<string, number> = { BAD_INPUT: 400, NOT_FOUND: 404, BAD_LOGIN: 401, LOGIN_THROTTLED: 429, BATCH_ALREADY_RECEIVED: 409, BATCH_NOT_SENT: 409, RECEIPT_FILES_MISMATCH: 400, BAD_MANIFEST: 422 };
const statusOf = (err: AppError) => STATUS_OF[err.code] ?? 400;

/** A page that can only be seen signed in: its title, nav entry and body. */
type PageRoute = (url: URL, user: SignedIn) => Promise<{ title: string; active: string; body: Html }>;

/** The console's requests: static style sheet, login, the pages (signed in only), and the receipt form's POST. */
export function createConsoleHandler(ctx: ConsoleContext): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const sessions = new SessionStore();
  const signIn = new ConsoleSignIn(ctx.db);

  /** The pages that take no parameters refuse any, as the others refuse unknown ones. */
  const plain = (title: string, active: string, body: () => Promise<Html>): PageRoute => async (url) => {
    parseRequest(noQuerySchema, queryOf(url));
    return { title, active, body: await body() };
  };
  const pages: Record<string, PageRoute> = {
    '/': plain('总览', '/', () => overviewBody(ctx.db)),
    '/buckets': plain('逾期分段', '/buckets', () => bucketsBody(ctx.db)),
    '/sync': plain('同步', '/sync', () => syncBody(ctx.db, ctx.keys, ctx.hqDir)),
    '/archive': async (url) => ({ title: '档案', active: '/archive', body: await archiveBody(ctx.db, parseRequest(branchFilterSchema, queryOf(url)).branch) }),
    '/receipt': async (url, user) => {
      const q = parseRequest(receiptQuerySchema, queryOf(url));
      const batch = await loadBatchForReceipt(ctx.db, q.branch, q.batch);
      return { title: `签收 ${q.batch}`, active: '/archive', body: receiptFormBody({ branch: q.branch, batchNo: q.batch, ...batch, values: freshValues(batch.files), csrf: user.csrf }) };
    },
  };

  /** The signed-in user of this session, or null (an ended or disabled login ends the session). */
  async function signedIn(session: ConsoleSession | null): Promise<SignedIn | null> {
    if (!session?.username) return null;
    const user = await signIn.current(session.username);
    if (!user) {
      sessions.end(session.id);
      return null;
    }
    return { ...user, csrf: session.csrf };
  }

  function takeFlash(session: ConsoleSession): string | null {
    const flash = session.flash;
    session.flash = null;
    return flash;
  }

  function refuseForm(res: ServerResponse): void {
    sendHtml(res, 403, document('请求被拒绝', html`<main><div class="notice error" role="alert">页面已过期或请求来源不明，操作未执行。请<a href="/login">重新打开页面</a>后再试。</div></main>`));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://console.invalid');
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/assets/console.css') return sendCss(res, CONSOLE_CSS);
    const session = sessions.get(sessionIdOf(req.headers.cookie));

    if (method === 'POST') {
      // A form posted from a page of another site (its Origin says so) is refused before it is read.
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) return refuseForm(res);
      const fields = await readForm(req);
      if (!session || !SessionStore.csrfMatches(session, fields.csrf)) return refuseForm(res);
      return handlePost(url, res, session, fields);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, POST', 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('不支持的请求方法');
    }

    if (url.pathname === '/login') {
      if (await signedIn(session)) return redirect(res, '/');
      const anonymous = session && session.username === null ? session : sessions.createAnonymous();
      return sendHtml(res, 200, loginPage(anonymous.csrf, '', null), anonymous === session ? undefined : sessionCookie(anonymous.id));
    }
    const user = await signedIn(session);
    if (!user || !session) return redirect(res, '/login');
    const route = pages[url.pathname];
    if (!route) return sendHtml(res, 404, page({ title: '找不到页面', active: '', user, body: html`<p>没有这个页面。<a href="/">返回总览</a></p>` }));
    try {
      const p = await route(url, user);
      return sendHtml(res, 200, page({ ...p, user, flash: takeFlash(session) }));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return sendHtml(res, statusOf(err), page({ title: '出错了', active: '', user, error: err.userMessage, body: html`<p><a href="/">返回总览</a> · <a href="/archive">返回档案</a></p>` }));
    }
  }

  async function handlePost(url: URL, res: ServerResponse, session: ConsoleSession, fields: Record<string, string>): Promise<void> {
    if (url.pathname === '/login') {
      const username = (fields.username ?? '').trim();
      try {
        const form = parseRequest(loginFormSchema, fields);
        const user = await signIn.signIn(form.username, form.password);
        const fresh = sessions.signIn(session, user.username);
        return redirect(res, '/', sessionCookie(fresh.id));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return sendHtml(res, statusOf(err), loginPage(session.csrf, username.slice(0, 32), err.userMessage));
      }
    }
    if (url.pathname === '/logout') {
      parseRequest(logoutFormSchema, fields);
      sessions.end(session.id);
      return redirect(res, '/login', clearedSessionCookie());
    }
    const user = await signedIn(session);
    if (!user) return redirect(res, '/login');
    if (url.pathname === '/receipt') {
      let form;
      try {
        form = parseRequest(receiptFormSchema, fields);
        const done = await recordReceiptFromForm(ctx.db, user.name, form);
        session.flash = `已登记 ${done.branch} 批次 ${done.batchNo} 的签收：签收 ${done.received} 份，有差异 ${done.discrepancies} 份。将随下一个发往该支行的同步包下发。`;
        return redirect(res, `/archive?${new URLSearchParams({ branch: done.branch }).toString()}`);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return sendHtml(res, statusOf(err), await receiptErrorPage(user, fields, err));
      }
    }
    return sendHtml(res, 404, page({ title: '找不到页面', active: '', user, body: html`<p>没有这个页面。<a href="/">返回总览</a></p>` }));
  }

  /** The form again with what was posted and the error; or the error alone when the batch itself cannot be signed for. */
  async function receiptErrorPage(user: SignedIn, fields: Record<string, string>, err: AppError): Promise<Html> {
    const branch = fields.branch ?? '';
    const batchNo = fields.batch ?? '';
    try {
      const batch = await loadBatchForReceipt(ctx.db, branch, batchNo);
      return page({ title: `签收 ${batchNo}`, active: '/archive', user, error: err.userMessage, body: receiptFormBody({ branch, batchNo, ...batch, values: fields, csrf: user.csrf }) });
    } catch (err2) {
      if (!(err2 instanceof AppError)) throw err2;
      return page({ title: '签收', active: '/archive', user, error: err.userMessage, body: html`<p><a href="/archive">返回档案</a></p>` });
    }
  }

  return async (req, res) => {
    try {
      await handle(req, res);
    } catch (err) {
      if (err instanceof AppError && !res.headersSent) {
        return sendHtml(res, statusOf(err), document('出错了', html`<main><div class="notice error" role="alert">${err.userMessage}</div><p><a href="/">返回</a></p></main>`));
      }
      ctx.logError(`总行控制台出错：${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) sendHtml(res, 500, document('出错了', html`<main><div class="notice error" role="alert">控制台内部出错，操作可能未完成。请稍后重试；问题持续时请查看控制台窗口中的错误信息。</div></main>`));
      else res.destroy();
    }
  };
}
