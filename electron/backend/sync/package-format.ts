import { z } from 'zod';
import { AppError } from '../rpc/app-error';
import { ORG_CODE_PATTERN } from '../../shared/org-code';

/**
 * A sync package: one zip file `<from>-<to>-<seq>.blpkg` holding
 * - manifest.json: who sends it to whom, its place in the sender's sequence, the hash of the
 *   sender's previous package, the sender's acknowledgement of the other side's packages, and per
 *   payload file its name, size, rows and SHA-256;
 * - manifest.sig: the sender's Ed25519 signature of manifest.json's bytes;
 * - payload/<table>.ndjson.gz.age: a table's rows, one JSON object a line, gzip-compressed and
 *   encrypted (age) for the receiver: they carry ID numbers and phones.
 * A package's hash is the SHA-256 of its manifest.json, which names every other byte it holds.
 */
export const PACKAGE_FORMAT = 1;
export const PACKAGE_EXTENSION = '.blpkg';
export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'manifest.sig';
export const PAYLOAD_DIR = 'payload/';

/** Bounds a package must keep (a crafted one must not exhaust memory before it is refused). */
export const PACKAGE_LIMITS = {
  entries: 200,
  manifestBytes: 256 * 1024,
  /** One payload file, encrypted, and its rows once decompressed. */
  fileBytes: 256 * 1024 * 1024,
  rowsBytes: 1024 * 1024 * 1024,
};

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const party = z.object({ kind: z.enum(['hq', 'branch']), code: z.string().regex(ORG_CODE_PATTERN), fingerprint: sha256 }).strict();

export const payloadFileSchema = z
  .object({
    name: z.string().regex(/^payload\/[a-z][a-z0-9_]{0,62}\.ndjson\.gz\.age$/),
    table: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/),
    bytes: z.number().int().min(0).max(PACKAGE_LIMITS.fileBytes),
    rows: z.number().int().min(0),
    sha256,
  })
  .strict();

export const manifestSchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    packageId: z.string().uuid(),
    from: party,
    to: party,
    seq: z.number().int().min(1),
    /** The hash of the sender's package seq - 1 to the same receiver; null for seq 1. */
    previousHash: sha256.nullable(),
    /** The highest seq of the receiver's packages the sender has applied. */
    ack: z.number().int().min(0),
    schemaVersion: z.string().min(1).max(100),
    appVersion: z.string().min(1).max(50),
    createdAt: z.number().int(),
    files: z.array(payloadFileSchema).max(PACKAGE_LIMITS.entries - 2),
  })
  .strict()
  .refine((m) => new Set(m.files.map((f) => f.name)).size === m.files.length, { message: 'payload files listed twice' })
  .refine((m) => m.files.every((f) => f.name === payloadName(f.table)), { message: 'payload file named after another table' })
  .refine((m) => (m.seq === 1) === (m.previousHash === null), { message: 'previousHash must be null exactly for seq 1' });

export type PackageManifest = z.infer<typeof manifestSchema>;
export type PayloadFile = z.infer<typeof payloadFileSchema>;

export const payloadName = (table: string) => `${PAYLOAD_DIR}${table}.ndjson.gz.age`;

export function packageFileName(from: string, to: string, seq: number): string {
  return `${from}-${to}-${String(seq).padStart(6, '0')}${PACKAGE_EXTENSION}`;
}

/** Why a package is refused: `reason` is a stable English key for logs and the quarantine, the message is for staff. */
export function refused(reason: string, message: string, detail = reason): AppError {
  return new AppError('PACKAGE_REFUSED', message, `package refused: ${detail}`, { reason });
}
