import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { formatWanYuan, formatYuan } from '../../../electron/shared/money';
import { formatCount } from '../format';

/**
 * Column helpers shared by every grid, so money and counts look the same everywhere.
 * Money fields hold integer fen; the user sees (and filters by) 元 or 万元.
 */

function fenValue(params: { value: unknown }): number | null {
  return typeof params.value === 'number' ? params.value : null;
}

/** A money column in 元: right-aligned (the 'rightAligned' type; do not override cellClass), "35,484.25"; the number filter works in 元. */
export function yuanColumn<T>(def: ColDef<T>): ColDef<T> {
  return {
    type: 'rightAligned',
    filter: 'agNumberColumnFilter',
    width: 150,
    valueFormatter: (p: ValueFormatterParams<T>) => {
      const fen = fenValue(p);
      return fen === null ? '' : formatYuan(fen);
    },
    filterValueGetter: (p) => {
      const field = def.field as string | undefined;
      const fen = field && p.data ? (p.data as Record<string, unknown>)[field] : null;
      return typeof fen === 'number' ? fen / 100 : null;
    },
    ...def,
  };
}

/** A money column in 万元 (two decimals, no unit in the cell): the number filter works in 万元. */
export function wanYuanColumn<T>(def: ColDef<T>): ColDef<T> {
  return {
    type: 'rightAligned',
    filter: 'agNumberColumnFilter',
    width: 120,
    valueFormatter: (p: ValueFormatterParams<T>) => {
      const fen = fenValue(p);
      return fen === null ? '' : formatWanYuan(fen);
    },
    filterValueGetter: (p) => {
      const field = def.field as string | undefined;
      const fen = field && p.data ? (p.data as Record<string, unknown>)[field] : null;
      return typeof fen === 'number' ? fen / 1_000_000 : null;
    },
    ...def,
  };
}

/** A count column (户数, 笔数): right-aligned with thousands separators. */
export function countColumn<T>(def: ColDef<T>): ColDef<T> {
  return {
    type: 'rightAligned',
    filter: 'agNumberColumnFilter',
    width: 100,
    valueFormatter: (p: ValueFormatterParams<T>) => (typeof p.value === 'number' ? formatCount(p.value) : ''),
    ...def,
  };
}

const zhCollator = new Intl.Collator('zh-CN', { numeric: true });

/** Sorts Chinese text the way people expect (by pinyin), blanks last. */
export function compareChinese(a: unknown, b: unknown): number {
  const sa = a == null ? '' : String(a);
  const sb = b == null ? '' : String(b);
  if (sa === sb) return 0;
  if (sa === '') return 1;
  if (sb === '') return -1;
  return zhCollator.compare(sa, sb);
}

/** A text column: "contains" filter, pinyin sort order. */
export function textColumn<T>(def: ColDef<T>): ColDef<T> {
  return {
    filter: 'agTextColumnFilter',
    filterParams: { defaultOption: 'contains' },
    comparator: compareChinese,
    ...def,
  };
}
