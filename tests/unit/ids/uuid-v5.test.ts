import { describe, expect, it } from 'vitest';
import { coreRowIds } from '../../../electron/backend/ids/core-row-ids';
import { uuidV5 } from '../../../electron/backend/ids/uuid-v5';

const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5', () => {
  it('gives RFC 9562 test vector and Python uuid5 results', () => {
    expect(uuidV5('www.example.com', DNS)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('python.org', DNS)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('hashes names as UTF-8, also long ones', () => {
    const long = '刘家会村'.repeat(2000);
    expect(uuidV5(long, DNS)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV5(long, DNS)).toBe(uuidV5(long, DNS));
    expect(uuidV5('刘家会村', DNS)).not.toBe(uuidV5('刘家会', DNS));
  });
});

describe('coreRowIds', () => {
  it('derives the same id from the same branch and key, and different ones across branches and kinds', () => {
    const a = coreRowIds('code:880110');
    const b = coreRowIds('code:880111');
    expect(a.loan('99000778')).toBe(coreRowIds('code:880110').loan('99000778'));
    expect(a.loan('99000778')).not.toBe(b.loan('99000778'));
    expect(a.borrower({ customerNo: '99000778' })).not.toBe(a.loan('99000778'));
    expect(a.borrower({ customerNo: '1' })).not.toBe(a.borrower({ residentId18: '1' }));
    expect(a.village('白文镇', '刘家会村')).not.toBe(a.village('白文镇刘', '家会村'));
    expect(a.snapshot('99000778', '2026-10-31')).not.toBe(a.snapshot('99000778', '2026-11-30'));
  });
});
