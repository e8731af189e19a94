/** Place names for the generated branch: 临县, a county of 吕梁, Shanxi, and where its people work. */
import { weighted, type Random } from './random';

export const COUNTY = '临县';

/** Division codes for the first six digits of a resident ID: mostly born in the county, some nearby. */
export const pickRegionCode = weighted<string>([
  ['141124', 94], // 临县
  ['141123', 2], // 兴县
  ['141125', 2], // 柳林县
  ['141102', 1], // 离石区
  ['141126', 1], // 石楼县
]);

/** The county's towns and townships; a branch serves some of them. */
const REAL_TOWNSHIPS = [
  '临泉镇', '白文镇', '城庄镇', '兔坂镇', '克虎镇', '三交镇', '湍水头镇', '林家坪镇', '招贤镇', '碛口镇',
  '刘家会镇', '丛罗峪镇', '曲峪镇', '八堡乡', '大禹乡', '玉坪乡', '青凉寺乡', '石白头乡', '雷家碛乡',
  '木瓜坪乡', '安业乡', '车赶乡', '开化乡',
];

// Village names: 刘家会村 (surname + 家 + place word) or 东坡村 (descriptor + place word).
// No 乡/镇/村/县/区/市 inside a name, so parseVillageFromAddress reads the address back.
const VILLAGE_SURNAMES = '刘马高王李张郭薛任白贺冯曹杜樊郝闫韩乔孙胡田梁武贾康温段雷苏侯成史石赵陈杨周吴霍崔牛宋秦袁';
const AFTER_JIA = ['会', '圪垛', '湾', '沟', '坪', '塔', '峁', '墕', '庄', '坡', '山', '梁', '崖', '洼', '河', '畔', '岔', '滩', '寨', '焉', '堡', '咀', '峪', '圪台', '圪塔'];
const DESCRIPTORS = '东西南北前后上下大小高石红柳枣杏桃阳阴白黑青马羊牛龙虎';
const PLACE_WORDS = ['峁', '沟', '坪', '塔', '墕', '湾', '庄', '坡', '峪', '窑', '河', '崖', '洼', '咀', '则', '头', '岭'];

function villageNamePool(): string[] {
  const names: string[] = [];
  for (const s of VILLAGE_SURNAMES) for (const p of AFTER_JIA) names.push(`${s}家${p}`);
  for (const d of DESCRIPTORS) for (const p of PLACE_WORDS) names.push(`${d}${p}`);
  return names;
}

const VILLAGE_NAMES = villageNamePool();

/**
 * `count` distinct township names: the county's real ones first (in a seeded order), then
 * made-up ones in the same style for very large books.
 */
export function townshipNames(rng: Random, count: number): string[] {
  const names = rng.shuffled(REAL_TOWNSHIPS).slice(0, count);
  const taken = new Set(names);
  const extra = rng.shuffled(VILLAGE_NAMES);
  for (let i = 0; names.length < count; i++) {
    const name = extra[i % extra.length] + (i % 3 === 0 ? '乡' : '镇') + (i >= extra.length ? String(Math.floor(i / extra.length)) : '');
    if (!taken.has(name)) {
      taken.add(name);
      names.push(name);
    }
  }
  return names;
}

/**
 * `count` distinct village names for one township; the first is the township seat, named
 * after the township (林家坪镇 → 林家坪村), as is usual.
 */
export function villageNamesIn(rng: Random, township: string, count: number): string[] {
  const seat = township.replace(/[镇乡]$/, '') + '村';
  const names = count > 0 ? [seat] : [];
  for (const stem of rng.shuffled(VILLAGE_NAMES)) {
    if (names.length >= count) break;
    const name = stem + '村';
    if (name !== seat) names.push(name);
  }
  if (names.length < count) throw new RangeError(`villageNamesIn: at most ${VILLAGE_NAMES.length} villages per township`);
  return names;
}

export function homeAddress(township: string, village: string, group: number): string {
  return `${COUNTY}${township}${village}${group}组`;
}

/** 现住地址 of the many who work away from home: mostly Taiyuan, Lüliang and the coal towns nearby. */
export const pickWhereabouts = weighted<string>([
  ['太原市小店区务工', 10], ['太原市迎泽区', 6], ['太原市万柏林区务工', 6], ['太原市尖草坪区', 4],
  ['吕梁市离石区', 8], ['吕梁市离石区务工', 6], ['临县临泉镇县城租房', 6], ['柳林县务工', 4],
  ['山西省孝义市务工', 4], ['山西省汾阳市', 3], ['山西省晋中市榆次区', 3], ['北京市朝阳区', 4],
  ['北京市大兴区务工', 3], ['天津市滨海新区务工', 2], ['陕西省榆林市神木市务工', 5], ['西安市雁塔区', 2],
  ['内蒙古鄂尔多斯市东胜区', 4], ['内蒙古包头市昆都仑区务工', 3], ['河北省廊坊市务工', 2],
  ['上海市浦东新区', 1], ['江苏省苏州市昆山市务工', 1], ['广东省东莞市务工', 1], ['新疆乌鲁木齐市务工', 1],
]);
