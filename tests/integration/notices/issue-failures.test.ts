import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeAppContext } from '../../../electron/backend/app-context';
import { runningCalls } from '../../../electron/backend/calls/running-calls';
import { createChromiumPdfRenderer } from '../../../electron/backend/print/chromium-pdf-renderer';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { capturingLog } from '../../helpers/captured-log';
import { perTestCopy } from '../../helpers/per-test-copy';
import { signedInApp } from '../../helpers/signed-in-app';
import { noticeApp, numbersInRegister } from './notice-fixture';

const ROOT = new URL('../../..', import.meta.url).pathname;
const b = perTestCopy((file) => noticeApp(file));

/** Per kind, the sequence numbers taken: each must run 1, 2, 3… with none twice and none missing. */
async function expectGapless(): Promise<Array<{ kind: string; seq: number; status: string }>> {
  const rows = await numbersInRegister(b.app);
  for (const kind of new Set(rows.map((r) => r.kind))) {
    const seqs = rows.filter((r) => r.kind === kind).map((r) => r.seq);
    expect(seqs, kind).toEqual(seqs.map((_, i) => i + 1));
  }
  return rows;
}

describe('numbers stay unique and without gaps', () => {
  it('across batches issued at once by two windows and a second process on the same file', async () => {
    const other = await signedInApp(b.tmp.file('ledger.sqlite'));
    try {
      const calls = [
        b.call('notices.issue', { kind: 'overdue', scope: { by: 'village', villageId: b.ids.village('刘家会村') }, withGuarantors: true }),
        b.call('notices.issue', { kind: 'overdue', scope: { by: 'village', villageId: b.ids.village('城庄村') }, withGuarantors: true }),
        b.call('notices.issue', { kind: 'confirmation', scope: { by: 'branch' } }),
        other.call('notices.issue', { kind: 'overdue', scope: { by: 'branch' } }),
        other.call('notices.issue', { kind: 'confirmation', scope: { by: 'branch' } }),
      ];
      const outcomes = (await Promise.all(calls)) as Array<{ issued: number }>;
      expect(outcomes.map((o) => o.issued)).toEqual([4, 2, 6, 3, 6]);
    } finally {
      await closeAppContext(other.app);
    }
    const rows = await expectGapless();
    expect(rows.length).toBe(21);
    expect(rows.every((r) => r.status === 'issued')).toBe(true);
  });

  it('when a print fails: the batch’s numbers stay in the register as void, and the next batch takes the following ones', async () => {
    const broken = await signedInApp(b.tmp.file('ledger.sqlite'), { createPdfRenderer: () => createChromiumPdfRenderer({ executablePath: b.tmp.file('no-such-browser') }) });
    try {
      const { logged } = await capturingLog(() => expect(broken.call('notices.issue', { kind: 'overdue', scope: { by: 'branch' } })).rejects.toMatchObject({ code: 'PRINT_UNAVAILABLE' }));
      expect(logged).toContain('could not launch the print browser');
    } finally {
      await closeAppContext(broken.app);
    }
    const next = await b.call('notices.issue', { kind: 'overdue', scope: { by: 'branch' } });
    expect(next.numbers).toEqual(['林家坪支行催字〔2026〕第0004号', '林家坪支行催字〔2026〕第0006号']);
    expect((await expectGapless()).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'issued', 'issued', 'issued']);
    const voided = await b.call('notices.register', { status: 'cancelled' });
    expect(voided.rows[0].cancelReason).toBe('打印失败：无法启动打印组件（浏览器），请重试；如仍失败请联系管理员。');
    // A void notice takes no receipt.
    await expect(b.call('notices.scanReceipt', { code: 'CS-2026-0001' })).rejects.toMatchObject({ code: 'NOTICE_CANCELLED' });
  });

  it('when the clerk cancels while it prints: the call ends CANCELLED and the numbers are void', async () => {
    const callId = 'cancel-notices-1';
    const result = await dispatch(
      b.app,
      'notices.issue',
      { kind: 'overdue', scope: { by: 'branch' } },
      {
        token: b.token,
        callId,
        sendEvent: (e) => {
          if ((e.payload as { stage: string }).stage === 'rendering') runningCalls(b.app).cancel(b.token, callId);
        },
      },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const rows = await expectGapless();
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect((await b.call('notices.register', {})).rows[0].cancelReason).toBe('打印已取消');
  });

  it('when the printing process is killed: the next batch voids its numbers and goes on after them', async () => {
    // A "browser" that never starts: the CLI is held in its print, with its numbers taken.
    const hang = b.tmp.file('hanging-browser.sh');
    writeFileSync(hang, '#!/bin/sh\nsleep 600\n');
    chmodSync(hang, 0o755);
    const db = b.tmp.file('ledger.sqlite');
    const child = spawn(process.execPath, ['electron/cli-launcher.mjs', 'notices', 'issue', '--db', db, '--type', 'overdue', '--out', b.tmp.file('killed.pdf')], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, BRANCH_LEDGER_CHROMIUM: hang },
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const printing = () => b.app.db.selectFrom('notice_batches').select('id').where('status', '=', 'printing').executeTakeFirst();
    while (child.exitCode === null && !(await printing())) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect((await numbersInRegister(b.app)).map((r) => r.status)).toEqual(['printing', 'printing', 'printing']);
    // A notice of a batch still printing is not voided by hand: it would come out on paper all the same.
    const stuck = await b.app.db.selectFrom('notices').select(['id', 'updated_at']).where('status', '=', 'printing').executeTakeFirstOrThrow();
    await expect(b.call('notices.cancel', { noticeId: stuck.id, reason: '打错了', expectedUpdatedAt: stuck.updated_at })).rejects.toMatchObject({
      code: 'NOTICE_NOT_ISSUED',
      message: expect.stringContaining('尚未打印完成'),
    });

    const next = await b.call('notices.issue', { kind: 'overdue', scope: { by: 'village', villageId: b.ids.village('城庄村') } });
    expect(next.numbers).toEqual(['林家坪支行催字〔2026〕第0004号', '林家坪支行催字〔2026〕第0004号']);
    expect((await expectGapless()).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'issued']);
    expect((await b.call('notices.register', { status: 'cancelled' })).rows[0].cancelReason).toBe('打印中断（程序退出或断电），编号作废');
  });
});
