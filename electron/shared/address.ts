/**
 * Reads county / township / village from a free-text home address, because core-system exports
 * usually have no village column: `山西省吕梁市临县白文镇刘家会村3组` → 临县 / 白文镇 / 刘家会村.
 */
import { toHalfWidth } from './text';

export interface VillageAddress {
  /** Last 县/区/市/旗 segment before the township; '' when the address starts at the township. */
  county: string;
  /** Ends in 镇, 乡 or 街道. */
  township: string;
  /** Ends in 村 or 社区; at least two characters. */
  village: string;
}

const ABOVE_TOWNSHIP = /^.+?(?:省|市|县|区|州|盟|旗)/;
const COUNTY_END = /[县区市旗]$/;
const TOWNSHIP = /^.+?(?:镇|乡|街道)/;
const VILLAGE = /^.+?(?:村|社区)/;

/**
 * The address is cut from the left into the shortest possible segments (names of at least two
 * characters). When a segment above the township (省, 市, 县, 区, …) ends before the next
 * township name would, it is tried first and the township is looked for after it; if that leads
 * nowhere, the township is taken instead. So `临汾市乡宁县昌宁镇` gives 乡宁县 / 昌宁镇 and
 * `新市镇新市村` gives the township 新市镇. The village is the shortest run ending in 村 or 社区
 * after the township (`村里村` stays whole; `刘家会行政村` is `刘家会村`). Null when no township followed by a village is found.
 */
export function parseVillageFromAddress(address: string): VillageAddress | null {
  if (typeof address !== 'string') return null;
  return parseFrom(toHalfWidth(address).replace(/\s+/g, ''), '');
}

function parseFrom(rest: string, county: string): VillageAddress | null {
  const township = TOWNSHIP.exec(rest)?.[0];
  if (township === undefined) return null;
  const upper = ABOVE_TOWNSHIP.exec(rest)?.[0];
  if (upper !== undefined && upper.length < township.length) {
    const parsed = parseFrom(rest.slice(upper.length), COUNTY_END.test(upper) ? upper : county);
    if (parsed) return parsed;
  }
  const village = VILLAGE.exec(rest.slice(township.length))?.[0];
  // 行政村 names the kind of village, not another one: 刘家会行政村 is 刘家会村.
  return village === undefined ? null : { county, township, village: village.length > 3 && village.endsWith('行政村') ? `${village.slice(0, -3)}村` : village };
}
