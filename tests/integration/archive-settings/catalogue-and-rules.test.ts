import { describe, expect, it } from 'vitest';
import { loadRuleBook } from '../../../electron/backend/archives/required-documents';
import { DEFAULT_ARCHIVE_DEADLINE_DAYS } from '../../../electron/shared/archive';
import type { ArchiveSettingsView } from '../../../electron/shared/api/archive-settings';
import { perTestCopy } from '../../helpers/per-test-copy';
import { archiveApp } from '../archives/archive-fixture';

const t = perTestCopy((file) => archiveApp(file));

const DEFAULT_NAMES = [
  '借款申请书',
  '借款人及配偶身份证复印件',
  '户口簿复印件',
  '婚姻状况证明',
  '贷前调查报告',
  '授信审批表',
  '借款合同',
  '借据',
  '保证合同',
  '保证人身份证复印件',
  '抵押合同',
  '他项权证/抵押登记证明',
  '质押合同',
  '放款凭证',
  '首次贷后检查报告',
];

const typeId = (view: ArchiveSettingsView, name: string) => view.docTypes.find((d) => d.name === name)!.id;

async function requiredNames(product: string, guarantee: string): Promise<string[]> {
  const [book, types] = await Promise.all([loadRuleBook(t.app.db), t.app.db.selectFrom('archive_doc_types').select(['id', 'name']).execute()]);
  const needed = book.required(product, guarantee);
  return types.filter((x) => needed.has(x.id)).map((x) => x.name);
}

describe('archiveSettings.get', () => {
  it('gives the default catalogue in order, its rules, the products of the register, and no calendar or cut-over yet', async () => {
    const view: ArchiveSettingsView = await t.call('archiveSettings.get');
    expect(view.docTypes.map((d) => d.name)).toEqual(DEFAULT_NAMES);
    expect(view.docTypes.every((d) => d.active)).toBe(true);
    expect(view.rules).toHaveLength(15);
    expect(view.rules.find((r) => r.docTypeId === typeId(view, '抵押合同'))).toMatchObject({ product: '', guaranteeType: '抵押', required: true });
    expect(view.rules.find((r) => r.docTypeId === typeId(view, '借据'))).toMatchObject({ product: '', guaranteeType: '', required: true });
    expect(view.products).toEqual(['个人经营贷款', '农户小额信用贷款', '安心贷'].sort());
    expect(view).toMatchObject({ deadlineDays: DEFAULT_ARCHIVE_DEADLINE_DAYS, calendar: [], cutoverDate: null });
  });

  it('every signed-in role may read them', async () => {
    const admin: ArchiveSettingsView = await t.call('archiveSettings.get');
    for (const as of [t.as.clerk1, t.as.rev1, t.as.head1]) expect(await as('archiveSettings.get')).toEqual(admin);
  });
});

describe('archiveSettings.saveDocType', () => {
  it('adds a type after the last, which no loan needs until a rule says so', async () => {
    const view: ArchiveSettingsView = await t.call('archiveSettings.saveDocType', { name: '收入证明' });
    const added = view.docTypes.at(-1)!;
    expect(added).toMatchObject({ name: '收入证明', active: true });
    expect(added.sortOrder).toBeGreaterThan(view.docTypes.at(-2)!.sortOrder);
    expect(await requiredNames('安心贷', '保证+抵押')).not.toContain('收入证明');
  });

  it('renames a type, and refuses a name another type has, in Chinese, changing nothing', async () => {
    const before: ArchiveSettingsView = await t.call('archiveSettings.get');
    const id = typeId(before, '放款凭证');
    const renamed: ArchiveSettingsView = await t.call('archiveSettings.saveDocType', { id, name: '放款通知书', active: true });
    expect(renamed.docTypes.find((d) => d.id === id)).toMatchObject({ name: '放款通知书', sortOrder: before.docTypes.find((d) => d.id === id)!.sortOrder });
    await expect(t.call('archiveSettings.saveDocType', { id, name: '借据', active: true })).rejects.toMatchObject({ code: 'CONFLICT', message: '已有名为“借据”的资料，请换一个名称。' });
    await expect(t.call('archiveSettings.saveDocType', { name: '借据' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await t.call('archiveSettings.get')).toEqual(renamed);
  });

  it('moves a type up by taking its neighbour’s place: the two swap', async () => {
    const before: ArchiveSettingsView = await t.call('archiveSettings.get');
    const [first, second] = before.docTypes;
    const after: ArchiveSettingsView = await t.call('archiveSettings.saveDocType', { id: second.id, name: second.name, sortOrder: first.sortOrder, active: true });
    expect(after.docTypes.slice(0, 3).map((d) => d.name)).toEqual([second.name, first.name, before.docTypes[2].name]);
    expect(after.docTypes.map((d) => d.sortOrder)).toEqual(before.docTypes.map((d) => d.sortOrder));
  });

  it('deactivates a type instead of deleting it: it is then required of no loan, and can come back', async () => {
    const before: ArchiveSettingsView = await t.call('archiveSettings.get');
    const id = typeId(before, '首次贷后检查报告');
    expect(await requiredNames('安心贷', '信用')).toContain('首次贷后检查报告');
    const off: ArchiveSettingsView = await t.call('archiveSettings.saveDocType', { id, name: '首次贷后检查报告', active: false });
    expect(off.docTypes.find((d) => d.id === id)).toMatchObject({ active: false });
    expect(await requiredNames('安心贷', '信用')).not.toContain('首次贷后检查报告');
    // A rename that does not say otherwise keeps it stopped.
    const renamed: ArchiveSettingsView = await t.call('archiveSettings.saveDocType', { id, name: '贷后首检报告' });
    expect(renamed.docTypes.find((d) => d.id === id)).toMatchObject({ name: '贷后首检报告', active: false });
    await t.call('archiveSettings.saveDocType', { id, name: '首次贷后检查报告', active: true });
    expect(await requiredNames('安心贷', '信用')).toContain('首次贷后检查报告');
  });

  it('an unknown id is not found', async () => {
    await expect(t.call('archiveSettings.saveDocType', { id: 'no-such-type', name: '某资料', active: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('archiveSettings.saveRule', () => {
  it('adds a product rule over the guarantee rule, changes it, and removes it again through the change log', async () => {
    const view: ArchiveSettingsView = await t.call('archiveSettings.get');
    const id = typeId(view, '他项权证/抵押登记证明');
    expect(await requiredNames('安心贷', '抵押')).toContain('他项权证/抵押登记证明');

    const added: ArchiveSettingsView = await t.call('archiveSettings.saveRule', { docTypeId: id, product: '安心贷', required: false });
    expect(added.rules.filter((r) => r.docTypeId === id)).toEqual([
      expect.objectContaining({ product: '', guaranteeType: '抵押', required: true }),
      expect.objectContaining({ product: '安心贷', guaranteeType: '', required: false }),
    ]);
    expect(await requiredNames('安心贷', '抵押')).not.toContain('他项权证/抵押登记证明');
    expect(await requiredNames('个人经营贷款', '抵押')).toContain('他项权证/抵押登记证明');

    const changed: ArchiveSettingsView = await t.call('archiveSettings.saveRule', { docTypeId: id, product: '安心贷', guaranteeType: '', required: true });
    expect(changed.rules.filter((r) => r.docTypeId === id)).toHaveLength(2);
    expect(changed.rules.find((r) => r.docTypeId === id && r.product === '安心贷')).toMatchObject({ required: true });
    // The rule was changed in place, not added again.
    expect(changed.rules.find((r) => r.docTypeId === id && r.product === '安心贷')!.id).toBe(added.rules.find((r) => r.docTypeId === id && r.product === '安心贷')!.id);
    expect(await requiredNames('安心贷', '信用')).toContain('他项权证/抵押登记证明');

    const ruleId = changed.rules.find((r) => r.docTypeId === id && r.product === '安心贷')!.id;
    const removed: ArchiveSettingsView = await t.call('archiveSettings.saveRule', { docTypeId: id, product: '安心贷', required: null });
    expect(removed.rules.filter((r) => r.docTypeId === id)).toEqual([expect.objectContaining({ product: '', guaranteeType: '抵押' })]);
    expect(await requiredNames('安心贷', '信用')).not.toContain('他项权证/抵押登记证明');
    const logged = await t.app.db.selectFrom('change_log').select(['action', 'table_name']).where('row_id', '=', ruleId).orderBy('seq').execute();
    expect(logged.map((e) => e.action)).toEqual(['insert', 'update', 'delete']);
  });

  it('a rule for a guarantee type of every product, and removing a rule that is not there changes nothing', async () => {
    const view: ArchiveSettingsView = await t.call('archiveSettings.get');
    const id = typeId(view, '婚姻状况证明');
    await t.call('archiveSettings.saveRule', { docTypeId: id, guaranteeType: '信用', required: false });
    expect(await requiredNames('安心贷', '信用')).not.toContain('婚姻状况证明');
    expect(await requiredNames('安心贷', '保证')).toContain('婚姻状况证明');
    const again: ArchiveSettingsView = await t.call('archiveSettings.saveRule', { docTypeId: id, product: '无此产品', guaranteeType: '质押', required: null });
    expect(again.rules).toHaveLength(16);
  });

  it('a rule for an unknown type is not found', async () => {
    await expect(t.call('archiveSettings.saveRule', { docTypeId: 'no-such-type', required: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
