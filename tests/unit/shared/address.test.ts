import { describe, it, expect } from 'vitest';
import { parseVillageFromAddress } from '../../../electron/shared/address';
import { SAMPLE_EXPECTED, acceptedSampleRows, readSampleRows } from './sample-csv';

describe('parseVillageFromAddress', () => {
  it.each([
    ['临县白文镇刘家会村3组', '临县', '白文镇', '刘家会村'],
    ['临县林家坪镇马家圪垛村1组', '临县', '林家坪镇', '马家圪垛村'],
    ['临县林家坪镇林家坪村6组', '临县', '林家坪镇', '林家坪村'],
    ['临县白文镇白文村3组', '临县', '白文镇', '白文村'],
    ['临县林家坪镇石门墕村9组', '临县', '林家坪镇', '石门墕村'],
    ['山西省吕梁市临县白文镇刘家会村3组', '临县', '白文镇', '刘家会村'],
    ['山西省吕梁市临县林家坪镇马家圪垛村', '临县', '林家坪镇', '马家圪垛村'],
    ['吕梁市临县白文镇城庄村', '临县', '白文镇', '城庄村'],
    ['临县安业乡前青塘村', '临县', '安业乡', '前青塘村'],
    ['安业乡前青塘村', '', '安业乡', '前青塘村'],
    ['白文镇刘家会村3组15号', '', '白文镇', '刘家会村'],
    ['山西省吕梁市离石区滨河街道龙凤社区2号楼', '离石区', '滨河街道', '龙凤社区'],
    ['吕梁市离石区城区街道东关社区', '离石区', '城区街道', '东关社区'], // 城区 is not a county here
    ['山西省吕梁市孝义市梧桐镇西盘粮村', '孝义市', '梧桐镇', '西盘粮村'],
    ['吕梁市白文镇刘家会村', '吕梁市', '白文镇', '刘家会村'],
    ['山西省临汾市乡宁县昌宁镇东城村5号', '乡宁县', '昌宁镇', '东城村'], // 乡 inside the county name
    ['某县新市镇新市村', '某县', '新市镇', '新市村'], // 市 inside the township name
    ['内蒙古自治区鄂尔多斯市准格尔旗薛家湾镇西营子村', '准格尔旗', '薛家湾镇', '西营子村'],
    ['广西壮族自治区百色市那坡县城厢镇念井村', '那坡县', '城厢镇', '念井村'],
    ['临县白文镇村里村2组', '临县', '白文镇', '村里村'], // a village name starting with 村
    ['临县白文镇镇子村', '临县', '白文镇', '镇子村'],
    ['临县白文镇乡宁村', '临县', '白文镇', '乡宁村'],
    ['临县白文镇东村3组', '临县', '白文镇', '东村'],
    ['临县白文镇东村村委会', '临县', '白文镇', '东村'],
    ['临县白文镇刘家会行政村3组', '临县', '白文镇', '刘家会村'], // 行政村 is the kind of village, not another one
    ['临县白文镇东行政村', '临县', '白文镇', '东村'],
    [' 临县 白文镇 刘家会村 3组 ', '临县', '白文镇', '刘家会村'],
    ['临县白文镇刘家会村３组', '临县', '白文镇', '刘家会村'],
  ])('%s → %s / %s / %s', (address, county, township, village) => {
    expect(parseVillageFromAddress(address)).toEqual({ county, township, village });
  });

  it.each([
    '',
    '   ',
    '临县',
    '临县白文镇',
    '临县白文镇3组',
    '临县刘家会村3组', // no township
    '刘家会村',
    '太原市小店区',
    '临县白文镇村', // village name too short
    '在外务工',
  ])('%j → null', (address) => {
    expect(parseVillageFromAddress(address)).toBeNull();
  });

  it('returns null for non-string values', () => {
    expect(parseVillageFromAddress(undefined as unknown as string)).toBeNull();
    expect(parseVillageFromAddress(42 as unknown as string)).toBeNull();
  });
});

describe('parseVillageFromAddress on the sample core export', () => {
  const rows = readSampleRows();

  it('reads the sample file', () => {
    expect(rows).toHaveLength(208);
  });

  it('finds a village in every address of the sample', () => {
    const known = Object.keys(SAMPLE_EXPECTED.villages);
    for (const row of rows) {
      const address = row.cells['住址'];
      const parsed = parseVillageFromAddress(address);
      expect(parsed, `line ${row.line}: ${address}`).not.toBeNull();
      expect(parsed?.county, `line ${row.line}`).toBe('临县');
      expect(['白文镇', '林家坪镇'], `line ${row.line}`).toContain(parsed?.township);
      expect(known, `line ${row.line}: ${address}`).toContain(parsed?.village);
      expect(address.startsWith(`临县${parsed?.township}${parsed?.village}`), `line ${row.line}`).toBe(true);
    }
  });

  it('gives the expected loans per village', () => {
    const counts: Record<string, number> = {};
    const accepted = acceptedSampleRows();
    expect(accepted).toHaveLength(SAMPLE_EXPECTED.acceptedLoans);
    for (const row of accepted) {
      const village = parseVillageFromAddress(row.cells['住址'])?.village ?? '(none)';
      counts[village] = (counts[village] ?? 0) + 1;
    }
    expect(counts).toEqual(SAMPLE_EXPECTED.villages);
  });
});
