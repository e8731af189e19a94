import { pinyin } from 'pinyin-pro';

/** Lower-case pinyin initials of a name, for search: 张三丰 → zsf, 单田芳 → stf (surname readings). */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed', surname: 'head' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
