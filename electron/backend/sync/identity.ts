import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { AppError } from '../rpc/app-error';

/**
 * A party's keys: an Ed25519 key that signs its packages (Node's crypto) and an age X25519
 * identity that opens the packages sent to it (age-encryption). The private half stays where the
 * party keeps it (a branch's database, head office's folder); the public half travels as an
 * identity file and is pinned by the other side at pairing, by its fingerprint.
 */
export type PartyKind = 'hq' | 'branch';

export interface PrivateIdentity {
  kind: PartyKind;
  code: string;
  name: string;
  /** PKCS#8 PEM of the Ed25519 signing key. */
  signingKey: string;
  /** `AGE-SECRET-KEY-1…`. */
  ageIdentity: string;
}

export const PUBLIC_IDENTITY_FORMAT = 'branch-ledger-identity/1';

const publicIdentityBody = z
  .object({
    format: z.literal(PUBLIC_IDENTITY_FORMAT),
    kind: z.enum(['hq', 'branch']),
    code: z.string().min(1).max(20),
    name: z.string().min(1).max(50),
    /** Ed25519 public key, SPKI DER in base64. */
    signingKey: z.string().min(1).max(200),
    /** `age1…`. */
    recipient: z.string().regex(/^age1[0-9a-z]+$/),
    createdAt: z.number().int(),
  })
  .strict();

export type PublicIdentityBody = z.infer<typeof publicIdentityBody>;

/** The identity file: the public keys, signed with the signing key they name (so a copy altered on the way is refused). */
export const publicIdentitySchema = z.object({ identity: publicIdentityBody, signature: z.string().min(1).max(200) }).strict();
export type PublicIdentity = z.infer<typeof publicIdentitySchema>;

export async function createIdentity(kind: PartyKind, code: string, name: string): Promise<PrivateIdentity> {
  const { generateX25519Identity } = await import('age-encryption');
  const { privateKey } = generateKeyPairSync('ed25519');
  return { kind, code, name, signingKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), ageIdentity: await generateX25519Identity() };
}

const canonicalBytes = (value: unknown) => Buffer.from(canonicalize(value) ?? '', 'utf8');

const publicKeyOf = (signingKeyBase64: string): KeyObject => createPublicKey({ key: Buffer.from(signingKeyBase64, 'base64'), format: 'der', type: 'spki' });

export function signBytes(identity: PrivateIdentity, bytes: Uint8Array): string {
  return sign(null, bytes, createPrivateKey(identity.signingKey)).toString('base64');
}

/** False for a bad signature, and for a key or signature that is not one at all. */
export function verifyBytes(signingKeyBase64: string, bytes: Uint8Array, signature: string): boolean {
  try {
    return verify(null, bytes, publicKeyOf(signingKeyBase64), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export async function publicIdentityOf(identity: PrivateIdentity, now = Date.now()): Promise<PublicIdentity> {
  // age-encryption is loaded where it is used: not by every start of the app or the CLI.
  const { identityToRecipient } = await import('age-encryption');
  const body: PublicIdentityBody = {
    format: PUBLIC_IDENTITY_FORMAT,
    kind: identity.kind,
    code: identity.code,
    name: identity.name,
    signingKey: createPublicKey(createPrivateKey(identity.signingKey)).export({ type: 'spki', format: 'der' }).toString('base64'),
    recipient: await identityToRecipient(identity.ageIdentity),
    createdAt: now,
  };
  return { identity: body, signature: signBytes(identity, canonicalBytes(body)) };
}

/** What pairing pins: SHA-256 of the signing key, in hex. Shown to staff in groups of four to compare by phone. */
export function fingerprintOf(signingKeyBase64: string): string {
  return createHash('sha256').update(Buffer.from(signingKeyBase64, 'base64')).digest('hex');
}

/** Reads an identity file's text: refused unless well formed and signed by the key it names. */
export function parsePublicIdentity(text: string, expectKind: PartyKind): PublicIdentity {
  let parsed: PublicIdentity;
  try {
    parsed = publicIdentitySchema.parse(JSON.parse(text));
  } catch {
    throw new AppError('IDENTITY_INVALID', '身份文件格式不正确（不是本系统导出的身份文件，或已损坏）。', 'identity file does not parse');
  }
  if (!verifyBytes(parsed.identity.signingKey, canonicalBytes(parsed.identity), parsed.signature)) {
    throw new AppError('IDENTITY_INVALID', '身份文件的签名不符：文件在传递途中被改动过，请向对方重新索取。', 'identity file signature does not verify');
  }
  if (parsed.identity.kind !== expectKind) {
    const want = expectKind === 'hq' ? '总行' : '支行';
    throw new AppError('IDENTITY_INVALID', `这不是${want}的身份文件。`, `identity kind ${parsed.identity.kind}, expected ${expectKind}`);
  }
  return parsed;
}
