import { describe, expect, it } from 'vitest';
import { namePinyin } from '../../../electron/backend/text/name-pinyin';

describe('namePinyin', () => {
  it('gives the search initials, with surname readings', () => {
    expect(namePinyin('张三丰').initials).toBe('zsf');
    expect(namePinyin('单田芳').initials).toBe('stf');
    expect(namePinyin('曾志强').initials).toBe('zzq');
  });

  it('gives a sort key that keeps a surname together: cao, chen, cheng', () => {
    const names = ['成成锁', '陈东新', '曹丹雪', '陈斌'];
    const sorted = [...names].sort((a, b) => (namePinyin(a).sortKey < namePinyin(b).sortKey ? -1 : 1));
    expect(sorted).toEqual(['曹丹雪', '陈斌', '陈东新', '成成锁']);
    expect(namePinyin('陈斌').sortKey).toBe('chen bin');
  });

  it('leaves out what is not Chinese', () => {
    expect(namePinyin('王五2')).toEqual({ initials: 'ww', sortKey: 'wang wu' });
  });
});
