import { describe, expect, it } from 'vitest';
import { documentBranchName } from '../../../electron/shared/document-number';

describe('the branch in a document number', () => {
  it('is what follows the bank’s name, the whole name without one, 支行 without any', () => {
    expect(documentBranchName('临县农商银行白文支行')).toBe('白文支行');
    expect(documentBranchName('山西临县农村商业银行股份有限公司白文支行')).toBe('白文支行');
    expect(documentBranchName('临县农村信用合作联社林家坪信用社')).toBe('林家坪信用社');
    expect(documentBranchName('林家坪支行')).toBe('林家坪支行');
    expect(documentBranchName('临县农商银行')).toBe('临县农商银行');
    expect(documentBranchName('  ')).toBe('支行');
    expect(documentBranchName(undefined)).toBe('支行');
  });
});
