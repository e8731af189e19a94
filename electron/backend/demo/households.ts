/** Generated borrower households: who they are, where they live, how to reach them. */
import { addDays } from '../../shared/dates';
import { residentIdCheckDigit } from '../../shared/resident-id';
import { namePinyin, type NamePinyin } from '../text/name-pinyin';
import { randomPersonName, randomSurname, type Gender } from './names';
import { homeAddress, pickRegionCode, pickWhereabouts } from './places';
import { weighted, type Random } from './random';

export interface HouseholdPlan {
  villageIndex: number;
  customerNo: string;
  residentId: string;
  name: string;
  nameInitials: string;
  namePinyin: string;
  gender: Gender;
  birthDate: string;
  address: string;
  whereabouts: string;
  contactName: string;
  contactPhone: string;
  phones: string[];
}

export interface VillageHome {
  township: string;
  name: string;
  /** Number of 村民小组 (1组 … n组). */
  groups: number;
}

// Real mainland prefixes of the three carriers; 中国移动 is the biggest in the countryside.
const pickMobilePrefix = weighted<string>([
  ['134', 4], ['135', 6], ['136', 5], ['137', 5], ['138', 7], ['139', 7], ['150', 5], ['151', 5],
  ['152', 4], ['157', 3], ['158', 4], ['159', 4], ['182', 4], ['183', 4], ['187', 4], ['188', 3],
  ['198', 2], ['130', 3], ['131', 3], ['132', 3], ['155', 3], ['156', 3], ['185', 2], ['186', 3],
  ['166', 1], ['133', 2], ['153', 2], ['180', 2], ['181', 2], ['189', 3], ['177', 2], ['199', 2],
]);

export function randomMobile(rng: Random): string {
  return pickMobilePrefix(rng) + rng.digits(8);
}

/** A 吕梁 landline (area code 0358) with a 7-digit local number. */
export function randomLandline(rng: Random): string {
  return `0358-${rng.int(3, 8)}${rng.digits(6)}`;
}

/**
 * Generates households village by village (`perVillage[i]` in village i). Resident IDs and
 * customer numbers are unique; customer numbers are handed out in random order, as accounts
 * were opened over the years.
 */
export function planHouseholds(rng: Random, villages: readonly VillageHome[], perVillage: readonly number[]): HouseholdPlan[] {
  const ids = new Set<string>();
  const readings = new Map<string, NamePinyin>();
  const households: HouseholdPlan[] = [];
  villages.forEach((village, villageIndex) => {
    for (let n = 0; n < perVillage[villageIndex]; n++) {
      households.push(planHousehold(rng, village, villageIndex, ids, readings));
    }
  });
  let customerNo = 8_800_000;
  for (const i of rng.shuffled(households.map((_, i) => i))) {
    customerNo += rng.int(1, 2);
    households[i].customerNo = `C${customerNo}`;
  }
  return households;
}

function planHousehold(
  rng: Random,
  village: VillageHome,
  villageIndex: number,
  ids: Set<string>,
  readings: Map<string, NamePinyin>,
): HouseholdPlan {
  // Heads of farming households who borrow are mostly men between 30 and 60.
  const gender: Gender = rng.chance(0.64) ? 'M' : 'F';
  const birthYear = 1955 + Math.round(((rng.float() + rng.float()) / 2) * 45);
  const birthDate = addDays(`${birthYear}-01-01`, rng.int(0, 364));
  const residentId = uniqueResidentId(rng, birthDate, gender, ids);
  const surname = randomSurname(rng);
  const name = randomPersonName(rng, gender, birthYear, surname);
  let reading = readings.get(name);
  if (reading === undefined) readings.set(name, (reading = namePinyin(name)));

  const phones = [rng.chance(0.05) ? randomLandline(rng) : randomMobile(rng)];
  if (rng.chance(0.3)) {
    const second = randomMobile(rng);
    if (second !== phones[0]) phones.push(second);
  }

  let contactName = '';
  let contactPhone = '';
  if (rng.chance(0.4)) {
    // A spouse (other surname, other gender) or a grown child (same surname).
    const spouse = rng.chance(0.5);
    contactName = spouse
      ? randomPersonName(rng, gender === 'M' ? 'F' : 'M', birthYear)
      : randomPersonName(rng, rng.chance(0.6) ? 'M' : 'F', Math.min(2000, birthYear + 25), surname);
    contactPhone = randomMobile(rng);
  }

  return {
    villageIndex,
    customerNo: '',
    residentId,
    name,
    nameInitials: reading.initials,
    namePinyin: reading.sortKey,
    gender,
    birthDate,
    address: homeAddress(village.township, village.name, rng.int(1, village.groups)),
    whereabouts: rng.chance(0.35) ? pickWhereabouts(rng) : '',
    contactName,
    contactPhone,
    phones,
  };
}

/** Region + birth date + 3-digit sequence whose last digit is odd for men + GB 11643 check digit. */
function uniqueResidentId(rng: Random, birthDate: string, gender: Gender, taken: Set<string>): string {
  const region = pickRegionCode(rng);
  const born = birthDate.replaceAll('-', '');
  for (;;) {
    const genderDigit = 2 * rng.int(0, 4) + (gender === 'M' ? 1 : 0);
    const first17 = `${region}${born}${rng.digits(2)}${genderDigit}`;
    const id = first17 + residentIdCheckDigit(first17);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}
