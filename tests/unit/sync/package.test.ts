import { beforeAll, describe, expect, it } from 'vitest';
import {
  createIdentity,
  fingerprintOf,
  parsePublicIdentity,
  publicIdentityOf,
  type PrivateIdentity,
  type PublicIdentity,
} from '../../../electron/backend/sync/identity';
import { packageFileName } from '../../../electron/backend/sync/package-format';
import { openPackage, type PinnedPeer, type ReaderKeys } from '../../../electron/backend/sync/read-package';
import { buildPackage, type PackageContents } from '../../../electron/backend/sync/write-package';

interface Party {
  secret: PrivateIdentity;
  public: PublicIdentity;
}

async function party(kind: 'hq' | 'branch', code: string, name: string): Promise<Party> {
  const secret = await createIdentity(kind, code, name);
  return { secret, public: await publicIdentityOf(secret) };
}

function keysOf(me: Party, pinned: Party[], revoked: Party[] = []): ReaderKeys {
  const peers = new Map<string, PinnedPeer>();
  for (const p of pinned) peers.set(fingerprintOf(p.public.identity.signingKey), { identity: p.public.identity, revoked: revoked.includes(p) });
  return { me: me.secret, myFingerprint: fingerprintOf(me.public.identity.signingKey), peer: (f) => peers.get(f) ?? null };
}

const CONTENTS: PackageContents = {
  seq: 2,
  previousHash: 'a'.repeat(64),
  ack: 1,
  schemaVersion: '0090-register-page-indexes',
  appVersion: '0.1.0',
  tables: [
    { table: 'contacts', rows: [{ id: 'c1', loan_id: 'L1', note: '电话联系，承诺 12 月 20 日还款', at: 1_764_000_000_000 }, { id: 'c2', loan_id: 'L2', note: '', at: 1_764_000_000_001 }] },
    { table: 'loan_assignments', rows: [{ id: 'a1', loan_id: 'L1', manager_id: 'm1', valid_from: '2026-11-01', valid_to: null }] },
    { table: 'village_visits', rows: [] },
  ],
};

let hq: Party;
let branch: Party;
let other: Party;
let stranger: Party;
let bytes: Buffer;

beforeAll(async () => {
  [hq, branch, other, stranger] = await Promise.all([
    party('hq', 'HQ', '白文县联社'),
    party('branch', '880110', '白文支行'),
    party('branch', '880120', '林家坪支行'),
    party('hq', 'HQ', '冒充的总行'),
  ]);
  bytes = (await buildPackage(branch.secret, branch.public, hq.public, CONTENTS)).bytes;
});

/** Offsets where each part of the zip starts (local headers, central directory, its end), to sample every part. */
function partStarts(file: Buffer): number[] {
  const starts: number[] = [];
  for (const signature of [0x04034b50, 0x02014b50, 0x06054b50]) {
    for (let i = file.indexOf(Buffer.from(new Uint32Array([signature]).buffer)); i >= 0; i = file.indexOf(Buffer.from(new Uint32Array([signature]).buffer), i + 1)) starts.push(i);
  }
  return [...starts.sort((a, b) => a - b), file.length];
}

/** Up to `perPart` positions spread over each part, its first and last bytes included. */
function samplePositions(file: Buffer, perPart: number): number[] {
  const starts = partStarts(file);
  const out = new Set<number>();
  for (let p = 0; p < starts.length - 1; p++) {
    const [from, to] = [starts[p], starts[p + 1]];
    const step = Math.max(1, Math.floor((to - from) / perPart));
    for (let i = from; i < to; i += step) out.add(i);
    out.add(to - 1);
  }
  return [...out];
}

const refusal = async (file: Buffer, keys: ReaderKeys) => {
  try {
    await openPackage(file, keys);
    return null;
  } catch (err) {
    return err as { code: string; details?: { reason: string }; userMessage: string };
  }
};

describe('sync packages', () => {
  it('name their sender, receiver and seq', () => {
    expect(packageFileName('880110', 'HQ', 3)).toBe('880110-HQ-000003.blpkg');
  });

  it('open for the receiver with every row as sent, and the manifest as written', async () => {
    const opened = await openPackage(bytes, keysOf(hq, [branch]));
    expect(opened.tables).toEqual(CONTENTS.tables.map(({ table, rows }) => ({ table, rows })));
    expect(opened.manifest).toMatchObject({ seq: 2, ack: 1, previousHash: 'a'.repeat(64), from: { kind: 'branch', code: '880110' }, to: { kind: 'hq', code: 'HQ' } });
    expect(opened.hash).toMatch(/^[0-9a-f]{64}$/);
    // The rows travel encrypted: a note's text is nowhere in the file's bytes.
    expect(bytes.includes(Buffer.from('承诺 12 月 20 日还款'))).toBe(false);
  });

  it('are refused, with a reason, after any single byte of any part is flipped', async () => {
    const keys = keysOf(hq, [branch]);
    const positions = samplePositions(bytes, 40);
    expect(positions.length).toBeGreaterThan(200);
    const accepted: number[] = [];
    for (const at of positions) {
      const flipped = Buffer.from(bytes);
      flipped[at] ^= 0x01;
      const err = await refusal(flipped, keys);
      if (err === null) accepted.push(at);
      else expect(err.code).toBe('PACKAGE_REFUSED');
    }
    expect(accepted).toEqual([]);
  });

  it('are refused when cut short anywhere', async () => {
    const keys = keysOf(hq, [branch]);
    for (const length of [0, 1, 22, ...samplePositions(bytes, 15)]) {
      const err = await refusal(bytes.subarray(0, length), keys);
      expect(err?.code, `cut at ${length}`).toBe('PACKAGE_REFUSED');
    }
  });

  it('are refused by another branch, and from an unknown, a revoked or a mismatched key', async () => {
    expect((await refusal(bytes, keysOf(other, [branch])))?.details?.reason).toBe('not_for_me');
    expect((await refusal(bytes, keysOf(hq, [other])))?.details?.reason).toBe('unknown_sender');
    expect((await refusal(bytes, keysOf(hq, [branch], [branch])))?.details?.reason).toBe('revoked_sender');
    const forged = (await buildPackage(stranger.secret, stranger.public, hq.public, CONTENTS)).bytes;
    expect((await refusal(forged, keysOf(hq, [branch])))?.details?.reason).toBe('unknown_sender');
    // A package signed by a pinned key but claiming another sender's code.
    const claiming = (await buildPackage({ ...branch.secret, code: '880120' }, branch.public, hq.public, CONTENTS)).bytes;
    expect((await refusal(claiming, keysOf(hq, [branch])))?.details?.reason).toBe('sender_mismatch');
  });
});

describe('identity files', () => {
  it('read back as written, and are refused when altered or of the wrong kind', async () => {
    const text = JSON.stringify(hq.public);
    expect(parsePublicIdentity(text, 'hq')).toEqual(hq.public);
    const altered = JSON.stringify({ ...hq.public, identity: { ...hq.public.identity, name: '别的联社' } });
    expect(() => parsePublicIdentity(altered, 'hq')).toThrow(expect.objectContaining({ code: 'IDENTITY_INVALID', userMessage: expect.stringContaining('签名不符') }));
    expect(() => parsePublicIdentity(text, 'branch')).toThrow(expect.objectContaining({ code: 'IDENTITY_INVALID', userMessage: '这不是支行的身份文件。' }));
    expect(() => parsePublicIdentity('{"identity":', 'hq')).toThrow(expect.objectContaining({ code: 'IDENTITY_INVALID' }));
  });
});
