/** Plausible Chinese personal names for a county in Lüliang, Shanxi. */
import { weighted, type Random } from './random';

// Rough frequencies for northwest Shanxi: the national top names plus local ones (薛 任 贺 闫 樊 郝 …).
const pickSurname = weighted<string>([
  ['王', 90], ['李', 85], ['张', 70], ['刘', 80], ['陈', 30], ['杨', 35], ['赵', 30], ['黄', 10],
  ['周', 15], ['吴', 12], ['郭', 40], ['马', 30], ['高', 45], ['梁', 20], ['薛', 25], ['任', 22],
  ['武', 25], ['贾', 18], ['白', 22], ['冯', 18], ['郝', 18], ['霍', 10], ['闫', 20], ['韩', 15],
  ['曹', 16], ['崔', 10], ['乔', 10], ['田', 12], ['孙', 14], ['胡', 12], ['牛', 8], ['宋', 10],
  ['秦', 8], ['樊', 12], ['康', 10], ['袁', 6], ['温', 10], ['段', 8], ['雷', 8], ['苏', 8],
  ['贺', 15], ['杜', 12], ['侯', 10], ['成', 8], ['史', 8], ['石', 8], ['卫', 6], ['耿', 5],
  ['呼', 6], ['车', 5], ['穆', 5], ['尤', 4], ['药', 3], ['师', 4], ['申', 5], ['庞', 4],
]);

// Given-name characters by gender and by generation: names changed a lot between 1955 and 2000.
const OLDER_MALE = '建国军平明华志忠保全宝春旺虎龙生喜来锁拴根福贵富有成林东海文祥德荣亮刚世兴万金满仁义玉树山';
const YOUNGER_MALE = '伟强斌峰俊鹏杰涛磊勇军辉浩宇鑫波超凯飞龙亮刚明东海文华志晓云帅旭阳';
const OLDER_FEMALE = '秀英兰芳梅霞凤桂珍萍琴花莲翠爱荣金玉美娥巧润改焕丽红香粉彩银叶';
const YOUNGER_FEMALE = '丽娟玲燕红敏静婷慧芬艳霞芳琳洁瑞雪娜莉倩颖晶亚妮茹璐丹佳欢';

// Whole two-character names that were common in the countryside, by gender.
const CLASSIC_MALE = ['建国', '建军', '国平', '志强', '海军', '晓东', '拴柱', '二虎', '永红', '卫东', '福生', '金宝', '保平', '春生', '文明'];
const CLASSIC_FEMALE = ['秀英', '桂兰', '桂英', '玉兰', '桂芳', '秀珍', '凤英', '翠萍', '改花', '润梅', '爱莲', '玉梅', '春梅', '丽娟', '海燕'];

export type Gender = 'M' | 'F';

export function randomSurname(rng: Random): string {
  return pickSurname(rng);
}

/** A given name of one or two characters for someone of `gender` born in `birthYear`. */
export function randomGivenName(rng: Random, gender: Gender, birthYear: number): string {
  const older = birthYear < 1975;
  if (older && rng.chance(0.12)) return rng.pick(gender === 'M' ? CLASSIC_MALE : CLASSIC_FEMALE);
  const pool = gender === 'M' ? (older ? OLDER_MALE : YOUNGER_MALE) : older ? OLDER_FEMALE : YOUNGER_FEMALE;
  const first = pool[rng.int(0, pool.length - 1)];
  if (rng.chance(0.3)) return first;
  // Younger women are often named with a doubled character (婷婷, 丽丽).
  if (gender === 'F' && !older && rng.chance(0.15)) return first + first;
  let second = pool[rng.int(0, pool.length - 1)];
  while (second === first) second = pool[rng.int(0, pool.length - 1)];
  return first + second;
}

export function randomPersonName(rng: Random, gender: Gender, birthYear: number, surname = randomSurname(rng)): string {
  return surname + randomGivenName(rng, gender, birthYear);
}
