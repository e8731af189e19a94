import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../rpc/app-error';
import { createIdentity, fingerprintOf, parsePublicIdentity, publicIdentityOf, type PrivateIdentity, type PublicIdentity } from '../sync/identity';

/** Head office's folder: its secret keys (readable by its owner only) and the public identity file branches import. */
export const HQ_SECRET_FILE = 'hq-keys.secret.json';
export const HQ_IDENTITY_FILE = 'hq-identity.json';
/** Refused branch packages, each beside a text file saying why. */
export const HQ_QUARANTINE_DIR = 'quarantine';

export interface HqKeys {
  secret: PrivateIdentity;
  public: PublicIdentity;
  fingerprint: string;
}

const secretSchema = z
  .object({ kind: z.literal('hq'), code: z.string().min(1).max(20), name: z.string().min(1).max(50), signingKey: z.string().min(1), ageIdentity: z.string().startsWith('AGE-SECRET-KEY-1') })
  .strict();

/** Creates head office's keys in `dir`; refused where keys already are (new keys would orphan every pairing). */
export async function initHqKeys(dir: string, code: string, name: string): Promise<{ identityFile: string; keys: HqKeys }> {
  await mkdir(dir, { recursive: true });
  const secretPath = path.join(dir, HQ_SECRET_FILE);
  const identityFile = path.join(dir, HQ_IDENTITY_FILE);
  const secret = await createIdentity('hq', code, name);
  const pub = await publicIdentityOf(secret);
  try {
    await writeFile(secretPath, JSON.stringify(secret, null, 2) + '\n', { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new AppError('HQ_KEYS_EXIST', `${dir} 中已有总行密钥：重新生成会使所有支行的配对失效，不予覆盖。`, `head-office keys already in ${dir}`);
    }
    throw err;
  }
  await writeFile(identityFile, JSON.stringify(pub, null, 2) + '\n', 'utf8');
  return { identityFile, keys: { secret, public: pub, fingerprint: fingerprintOf(pub.identity.signingKey) } };
}

/** Head office's keys from `dir`, checked (the public file must be the secret's own). */
export async function loadHqKeys(dir: string): Promise<HqKeys> {
  let secretText: string;
  let publicText: string;
  try {
    secretText = await readFile(path.join(dir, HQ_SECRET_FILE), 'utf8');
    publicText = await readFile(path.join(dir, HQ_IDENTITY_FILE), 'utf8');
  } catch {
    throw new AppError('HQ_KEYS_MISSING', `${dir} 中没有总行密钥：请先运行 hq init。`, `no head-office keys in ${dir}`);
  }
  const parsed = secretSchema.safeParse(JSON.parse(secretText));
  if (!parsed.success) throw new AppError('HQ_KEYS_MISSING', `${dir} 中的总行密钥文件已损坏。`, `head-office secret file in ${dir} does not parse`);
  const pub = parsePublicIdentity(publicText, 'hq');
  const mine = await publicIdentityOf(parsed.data);
  if (mine.identity.signingKey !== pub.identity.signingKey || mine.identity.recipient !== pub.identity.recipient) {
    throw new AppError('HQ_KEYS_MISSING', `${dir} 中的总行身份文件与密钥不符。`, `head-office identity file in ${dir} is not the secret's`);
  }
  return { secret: parsed.data, public: pub, fingerprint: fingerprintOf(pub.identity.signingKey) };
}
