import { pinyin } from 'pinyin-pro';

export interface NamePinyin {
  /** Lower-case initials, for search: 张三丰 → zsf, 单田芳 → stf (surname readings). */
  initials: string;
  /** Syllables without tones, space-separated, for sorting: 陈斌 → chen bin, before 成 (cheng) and after 曹 (cao). */
  sortKey: string;
}

/** One pinyin reading of a name gives both its search initials and its sort key. */
export function namePinyin(name: string): NamePinyin {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'removed', surname: 'head' })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter(Boolean);
  return { initials: syllables.map((s) => s[0]).join(''), sortKey: syllables.join(' ') };
}
