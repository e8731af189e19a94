import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { fingerprintOf, signBytes, type PrivateIdentity, type PublicIdentity } from './identity';
import { MANIFEST_ENTRY, PACKAGE_FORMAT, payloadName, SIGNATURE_ENTRY, type PackageManifest, type PayloadFile } from './package-format';

export interface PackageContents {
  seq: number;
  previousHash: string | null;
  ack: number;
  schemaVersion: string;
  appVersion: string;
  /** Each table's rows, as full images (objects of column values). */
  tables: ReadonlyArray<{ table: string; rows: ReadonlyArray<Record<string, unknown>> }>;
}

export interface BuiltPackage {
  bytes: Buffer;
  manifest: PackageManifest;
  /** SHA-256 of manifest.json: what the next package names as its previous one. */
  hash: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** One zip entry time for every package: the bytes depend on the contents only. */
const ENTRY_TIME = new Date(Date.UTC(2026, 0, 1));

/**
 * The zip of these entries, in this order. The same entries always give the same bytes, so a
 * reader can rebuild a package from what it read and compare: a flipped byte anywhere in the
 * container (a timestamp, a comment) shows, not only in what the manifest hashes.
 */
export async function zipEntries(entries: ReadonlyArray<{ name: string; bytes: Buffer }>): Promise<Buffer> {
  // Loaded here, not with the backend: only packages (sync, head office) are zipped.
  const { default: yazl } = await import('yazl');
  const file = new yazl.ZipFile();
  // Encrypted payloads do not compress; the manifest is small.
  for (const e of entries) file.addBuffer(e.bytes, e.name, { compress: false, mtime: ENTRY_TIME });
  file.end();
  const chunks: Buffer[] = [];
  for await (const chunk of file.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Builds a package from `from` to the party whose identity file is `to`, signed and encrypted for it. */
export async function buildPackage(from: PrivateIdentity, fromPublic: PublicIdentity, to: PublicIdentity, contents: PackageContents, now = Date.now()): Promise<BuiltPackage> {
  const { Encrypter } = await import('age-encryption');
  const payloads: Array<{ name: string; bytes: Buffer }> = [];
  const files: PayloadFile[] = [];
  for (const { table, rows } of contents.tables) {
    const ndjson = rows.map((r) => JSON.stringify(r) + '\n').join('');
    const encrypter = new Encrypter();
    encrypter.addRecipient(to.identity.recipient);
    const bytes = Buffer.from(await encrypter.encrypt(gzipSync(Buffer.from(ndjson, 'utf8'))));
    const name = payloadName(table);
    payloads.push({ name, bytes });
    files.push({ name, table, bytes: bytes.length, rows: rows.length, sha256: sha256(bytes) });
  }
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    packageId: randomUUID(),
    from: { kind: from.kind, code: from.code, fingerprint: fingerprintOf(fromPublic.identity.signingKey) },
    to: { kind: to.identity.kind, code: to.identity.code, fingerprint: fingerprintOf(to.identity.signingKey) },
    seq: contents.seq,
    previousHash: contents.previousHash,
    ack: contents.ack,
    schemaVersion: contents.schemaVersion,
    appVersion: contents.appVersion,
    createdAt: now,
    files,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
  const signature = Buffer.from(signBytes(from, manifestBytes), 'utf8');
  const bytes = await zipEntries([{ name: MANIFEST_ENTRY, bytes: manifestBytes }, { name: SIGNATURE_ENTRY, bytes: signature }, ...payloads]);
  return { bytes, manifest, hash: sha256(manifestBytes) };
}
