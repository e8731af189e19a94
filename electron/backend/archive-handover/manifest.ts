import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';

/**
 * The manifest a hand-over batch sends to the head-office archive: the batch, the branch, each
 * file with its documents and page counts, the totals, and `sha256`, the SHA-256 (hex) of the
 * manifest's canonical JSON (RFC 8785, JCS) without that field. Head office sends it back
 * inside its receipt; the hash tells whether anyone changed it on the way.
 */
export const MANIFEST_FORMAT = 'branch-ledger/archive-manifest';
export const MANIFEST_FORMAT_VERSION = 1;

export interface ManifestDocument {
  name: string;
  /** null: no page count was entered. */
  pages: number | null;
}

export interface ManifestFile {
  loanNo: string;
  contractNo: string;
  borrower: string;
  disbursedOn: string;
  documents: ManifestDocument[];
  pages: number;
}

export interface ArchiveManifest {
  format: typeof MANIFEST_FORMAT;
  formatVersion: typeof MANIFEST_FORMAT_VERSION;
  batch: { no: string; year: number; seq: number; handedOn: string; handedBy: string };
  branch: { code: string; name: string };
  files: ManifestFile[];
  totals: { files: number; documents: number; pages: number };
  sha256: string;
}

/** The SHA-256 of a manifest's canonical content: every field but `sha256`, as JCS writes it. */
export function manifestDigest(manifest: Record<string, unknown>): string {
  const { sha256: _ignored, ...content } = manifest;
  const canonical = canonicalize(content);
  if (canonical === undefined) throw new Error('manifest: nothing to canonicalize');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The manifest with its hash, and its text as written to the file and stored with the batch. */
export function sealManifest(content: Omit<ArchiveManifest, 'sha256'>): { manifest: ArchiveManifest; text: string } {
  const manifest: ArchiveManifest = { ...content, sha256: manifestDigest(content) };
  return { manifest, text: `${JSON.stringify(manifest, null, 2)}\n` };
}

const count = z.number().int().min(0);

/**
 * A manifest's shape as this program writes it, for reading one back (a receipt). Unknown
 * fields are let through here: the hash, computed on the manifest as parsed, catches any.
 */
export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
  batch: z.object({ no: z.string().min(1), year: z.number().int(), seq: z.number().int(), handedOn: z.string(), handedBy: z.string() }),
  branch: z.object({ code: z.string(), name: z.string() }),
  files: z
    .array(
      z.object({
        loanNo: z.string().min(1),
        contractNo: z.string(),
        borrower: z.string(),
        disbursedOn: z.string(),
        documents: z.array(z.object({ name: z.string(), pages: count.nullable() })),
        pages: count,
      }),
    )
    .min(1),
  totals: z.object({ files: count, documents: count, pages: count }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Reads a stored manifest (written by sealManifest). */
export function parseStoredManifest(text: string): ArchiveManifest {
  return manifestSchema.parse(JSON.parse(text)) as ArchiveManifest;
}
