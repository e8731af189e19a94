import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type yauzl from 'yauzl';
import { fingerprintOf, verifyBytes, type PrivateIdentity, type PublicIdentityBody } from './identity';
import { zipEntries } from './write-package';
import { MANIFEST_ENTRY, manifestSchema, PACKAGE_LIMITS, refused, SIGNATURE_ENTRY, type PackageManifest } from './package-format';

/** A party the reader has pinned, by the fingerprint of its signing key. */
export interface PinnedPeer {
  identity: PublicIdentityBody;
  revoked: boolean;
}

export interface ReaderKeys {
  me: PrivateIdentity;
  /** SHA-256 of my signing key: packages must be addressed to it. */
  myFingerprint: string;
  peer(fingerprint: string): PinnedPeer | null;
}

export interface OpenedPackage {
  manifest: PackageManifest;
  hash: string;
  /** Each table's rows; with `keepLines`, also each row's NDJSON line as the package holds it (lines[i] is rows[i]). */
  tables: Array<{ table: string; rows: Array<Record<string, unknown>>; lines?: string[] }>;
}

export interface OpenOptions {
  /** Keep each row's line of text: a reader that stores the images as JSON needs not write them again. */
  keepLines?: boolean;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const DAMAGED = '文件已损坏或不完整（可能在复制时中断），请重新拷贝。';

/** Every entry of the zip, read whole within PACKAGE_LIMITS; anything malformed is refused as damaged. */
async function entriesOf(bytes: Buffer): Promise<Map<string, Buffer>> {
  // Loaded here, not with the backend: only packages (sync, head office) are unzipped.
  const { default: unzip } = await import('yauzl');
  return new Promise((resolve, reject) => {
    const fail = (detail: string) => reject(refused('damaged', DAMAGED, `damaged zip: ${detail}`));
    unzip.fromBuffer(bytes, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return fail(err?.message ?? 'unreadable');
      const out = new Map<string, Buffer>();
      zip.on('error', (e: Error) => fail(e.message));
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        const limit = entry.fileName === MANIFEST_ENTRY || entry.fileName === SIGNATURE_ENTRY ? PACKAGE_LIMITS.manifestBytes : PACKAGE_LIMITS.fileBytes;
        if (out.has(entry.fileName)) return fail(`${entry.fileName} twice`);
        if (out.size >= PACKAGE_LIMITS.entries) return fail('too many entries');
        if (entry.uncompressedSize > limit) return fail(`${entry.fileName} too large`);
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e?.message ?? 'unreadable entry');
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', (se: Error) => fail(se.message));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

function parseManifest(bytes: Buffer): PackageManifest {
  try {
    return manifestSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch (err) {
    throw refused('bad_manifest', '包的清单（manifest）格式不正确。', `bad manifest: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Opens a package for `keys.me`: the zip, the manifest, the sender (pinned, not revoked), the
 * signature, the receiver, every payload file's size and hash, then decrypts and reads the rows.
 * Anything wrong refuses the whole package (PACKAGE_REFUSED with a reason); nothing is partly read.
 * What the package means for the database (its seq, a gap, a replay) is the applier's to judge.
 */
export async function openPackage(bytes: Buffer, keys: ReaderKeys, options: OpenOptions = {}): Promise<OpenedPackage> {
  const entries = await entriesOf(bytes);
  if (!(await zipEntries([...entries].map(([name, data]) => ({ name, bytes: data })))).equals(bytes)) {
    throw refused('damaged', DAMAGED, 'the zip is not as its writer makes it from these entries');
  }
  const manifestBytes = entries.get(MANIFEST_ENTRY);
  const signature = entries.get(SIGNATURE_ENTRY);
  if (!manifestBytes || !signature) throw refused('damaged', DAMAGED, 'manifest or signature missing');
  const manifest = parseManifest(manifestBytes);

  const sender = keys.peer(manifest.from.fingerprint);
  if (!sender) throw refused('unknown_sender', `发送方（${manifest.from.code}）的密钥未登记：请先完成配对，或向对方确认包的来源。`, `unknown sender key ${manifest.from.fingerprint}`);
  if (sender.revoked) throw refused('revoked_sender', `发送方（${manifest.from.code}）的密钥已被注销，不再接收其数据包。`, `revoked sender key ${manifest.from.fingerprint}`);
  if (sender.identity.code !== manifest.from.code || sender.identity.kind !== manifest.from.kind) {
    throw refused('sender_mismatch', '包上写的发送方与其密钥登记的机构不一致。', `sender ${manifest.from.kind}:${manifest.from.code} signs with the key of ${sender.identity.code}`);
  }
  if (fingerprintOf(sender.identity.signingKey) !== manifest.from.fingerprint || !verifyBytes(sender.identity.signingKey, manifestBytes, signature.toString('utf8'))) {
    throw refused('bad_signature', '包的签名不符：文件被改动过，或不是由登记的发送方生成。', 'signature does not verify');
  }
  if (manifest.to.fingerprint !== keys.myFingerprint || manifest.to.code !== keys.me.code || manifest.to.kind !== keys.me.kind) {
    throw refused('not_for_me', `这个包是发给${manifest.to.code}的，不是发给本机构的。`, `package for ${manifest.to.kind}:${manifest.to.code}`);
  }

  const listed = new Set([MANIFEST_ENTRY, SIGNATURE_ENTRY, ...manifest.files.map((f) => f.name)]);
  for (const name of entries.keys()) if (!listed.has(name)) throw refused('damaged', DAMAGED, `entry ${name} not in the manifest`);

  const { Decrypter } = await import('age-encryption');
  const decrypter = new Decrypter();
  decrypter.addIdentity(keys.me.ageIdentity);
  const tables: OpenedPackage['tables'] = [];
  for (const file of manifest.files) {
    const data = entries.get(file.name);
    if (!data || data.length !== file.bytes || sha256(data) !== file.sha256) throw refused('damaged', DAMAGED, `${file.name} does not match the manifest`);
    let text: string;
    try {
      text = gunzipSync(await decrypter.decrypt(data), { maxOutputLength: PACKAGE_LIMITS.rowsBytes }).toString('utf8');
    } catch (err) {
      throw refused('undecryptable', '包里的数据无法解密：它不是用本机构的密钥加密的。', `${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
    let rows: unknown[];
    try {
      rows = lines.map((line) => JSON.parse(line) as unknown);
    } catch {
      throw refused('damaged', DAMAGED, `${file.name}: a line is not JSON`);
    }
    if (rows.length !== file.rows || !rows.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
      throw refused('damaged', DAMAGED, `${file.name}: ${rows.length} rows, manifest says ${file.rows}`);
    }
    tables.push({ table: file.table, rows: rows as Array<Record<string, unknown>>, ...(options.keepLines ? { lines } : {}) });
  }
  return { manifest, hash: sha256(manifestBytes), tables };
}
