import { describe, expect, it } from 'vitest';
import { branchOwnName, organisationName } from '../../../electron/backend/notice-templates/letterhead';

const lh = (bankName: string, branchName: string) => ({ bankName, branchName, address: '', phone: '' });

describe('the bank and branch on paper', () => {
  it('never writes the bank twice when the branch is set up under its full name', () => {
    expect(organisationName(lh('临县农商银行', '临县农商银行白文支行'))).toBe('临县农商银行白文支行');
    expect(branchOwnName(lh('临县农商银行', '临县农商银行白文支行'))).toBe('白文支行');
    expect(organisationName(lh('山西临县农村商业银行', '林家坪支行'))).toBe('山西临县农村商业银行林家坪支行');
    expect(branchOwnName(lh('山西临县农村商业银行', '林家坪支行'))).toBe('林家坪支行');
    expect(organisationName(lh('临县农商银行', '临县农商银行'))).toBe('临县农商银行');
  });
});
