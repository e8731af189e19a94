import { closeAppContext, type AppContext, type AppContextOptions } from '../../../electron/backend/app-context';
import { residentIdCheckDigit } from '../../../electron/shared/resident-id';
import { signedInApp, signInAs, type Call } from '../../helpers/signed-in-app';

export const ARCHIVE_AS_OF = '2026-11-30';

export interface ArchiveLoan {
  loanNo: string;
  name: string;
  village: '刘家会村' | '城庄村';
  product: string;
  guarantee: string;
  disbursedOn: string;
  manager: '王经理' | '李经理';
}

/**
 * Six loans of two villages, one of each guarantee type and a combined one, disbursed on
 * different days (2026-11-27 is a Friday). "Today" is 2026-12-02.
 */
export const ARCHIVE_LOANS: ArchiveLoan[] = [
  { loanNo: 'A01', name: '张大山', village: '刘家会村', product: '农户小额信用贷款', guarantee: '信用', disbursedOn: '2026-11-27', manager: '王经理' },
  { loanNo: 'A02', name: '赵二', village: '刘家会村', product: '个人经营贷款', guarantee: '保证', disbursedOn: '2026-11-02', manager: '王经理' },
  { loanNo: 'A03', name: '钱六', village: '刘家会村', product: '安心贷', guarantee: '抵押', disbursedOn: '2026-10-15', manager: '王经理' },
  { loanNo: 'A04', name: '孙七', village: '城庄村', product: '安心贷', guarantee: '质押', disbursedOn: '2026-11-20', manager: '李经理' },
  { loanNo: 'A05', name: '吴九', village: '城庄村', product: '个人经营贷款', guarantee: '保证+抵押', disbursedOn: '2026-11-25', manager: '李经理' },
  { loanNo: 'A06', name: '郑十', village: '城庄村', product: '农户小额信用贷款', guarantee: '信用', disbursedOn: '2024-03-01', manager: '李经理' },
];

const residentId = (n: number) => {
  const first17 = `14112419700101${String(n).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
};

export function archiveCsv(loans: readonly ArchiveLoan[]): string {
  const header = '客户编号,借款人姓名,身份证号,住址,借据号,合同编号,产品名称,担保类型,放款日,到期日,合同金额,余额,本金逾期天数,欠息,客户经理';
  const lines = loans.map(
    (x, i) =>
      `C${i + 1},${x.name},${residentId(i + 1)},临县白文镇${x.village}1组,${x.loanNo},HT-${x.loanNo},${x.product},${x.guarantee},${x.disbursedOn},2028-12-31,20000,20000,0,0,${x.manager}`,
  );
  return '\ufeff' + [header, ...lines].join('\r\n');
}

export async function importArchiveLoans(call: Call, loans: readonly ArchiveLoan[] = ARCHIVE_LOANS, asOf = ARCHIVE_AS_OF): Promise<void> {
  const preview = await call('imports.preview', { fileName: `archive-${asOf}.csv`, contentBase64: Buffer.from(archiveCsv(loans), 'utf8').toString('base64') });
  await call('imports.commit', { previewId: preview.previewId, asOf, fullExport: true, confirmSettle: true });
}

/** Logins the archive tests act as (password 'pass-word-1'): a clerk, a reviewer, a second reviewer, the branch head. */
export const ARCHIVE_STAFF = [
  { username: 'clerk1', displayName: '内勤甲', role: 'clerk' },
  { username: 'rev1', displayName: '审查甲', role: 'reviewer' },
  { username: 'rev2', displayName: '审查乙', role: 'reviewer' },
  { username: 'head1', displayName: '支行长甲', role: 'head' },
] as const;

export interface ArchiveApp {
  app: AppContext;
  /** The admin. */
  call: Call;
  as: Record<(typeof ARCHIVE_STAFF)[number]['username'], Call>;
  /** File id by loan number. */
  files: Record<string, string>;
  close: () => Promise<void>;
}

/** A signed-in admin over a file holding ARCHIVE_LOANS (their files opened by the import), and the staff of ARCHIVE_STAFF. */
export async function archiveApp(file: string, opts: AppContextOptions = {}): Promise<ArchiveApp> {
  const { app, call } = await signedInApp(file, opts);
  await importArchiveLoans(call);
  const as = {} as ArchiveApp['as'];
  for (const s of ARCHIVE_STAFF) {
    await call('staff.create', { ...s, password: 'pass-word-1' });
    as[s.username] = await signInAs(app, s.username);
  }
  return { app, call, as, files: await fileIds(app), close: () => closeAppContext(app) };
}

export async function fileIds(app: AppContext): Promise<Record<string, string>> {
  const rows = await app.db
    .selectFrom('archive_files as f')
    .innerJoin('loans as l', 'l.id', 'f.loan_id')
    .select(['f.id', 'l.loan_no'])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.loan_no, r.id]));
}
