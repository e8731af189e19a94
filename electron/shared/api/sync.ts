import { z } from 'zod';
import { rpc } from './contract';

/**
 * File-based sync with head office: pairing by identity files, and packages built here to be
 * carried (a USB stick, a shared folder). Applying head office's packages comes next.
 */

export interface SyncPartyView {
  code: string;
  name: string;
  /** SHA-256 of the party's signing key, as staff compare it with head office by phone. */
  fingerprint: string;
}

export interface SyncPairing {
  branch: SyncPartyView;
  hq: SyncPartyView;
  /** This branch's public identity file (JSON text), for head office to register. */
  branchIdentity: string;
}

export interface BuiltSyncPackage {
  /** The sender's code: packages are written into a subfolder of that name. */
  from: string;
  fileName: string;
  seq: number;
  rows: number;
  hash: string;
  contentBase64: string;
}

export interface SyncApplyOutcome {
  status: 'applied' | 'skipped' | 'held' | 'refused';
  /** Why, in Chinese, for staff ('' when applied). */
  reason: string;
  seq: number | null;
  /** The seqs applied by this call: the package's, then any held ones that now followed it. */
  applied: number[];
}

export interface SyncStatus {
  branch: SyncPartyView | null;
  /** The head office this branch is paired with; null until pairing. */
  hq: (SyncPartyView & { ackedSeq: number }) | null;
  /** Packages built for head office, newest first; acknowledged once head office said it applied them. */
  sent: Array<{ seq: number; fileName: string; rows: number; createdAt: number; acknowledged: boolean }>;
  /** Head office's packages taken in, newest first: applied, or held until the one before comes. */
  received: Array<{ seq: number; fileName: string; status: 'applied' | 'held'; reason: string; at: number }>;
  /** Packages refused (kept in the quarantine folder), newest first, with the reason. */
  refused: Array<{ fileName: string; reason: string; at: number }>;
  /** Head office's notices (通知) to this branch, newest first. */
  messages: Array<{ id: string; title: string; body: string; sentBy: string; sentOn: string }>;
}

/** An identity file is a few hundred bytes; anything far larger is not one. */
const identityText = z.string().min(1, '请选择总行的身份文件').max(20_000, '这不是身份文件（文件过大）');

export const syncApi = {
  'sync.status': rpc<SyncStatus>()(z.object({}).strict()),
  'sync.pair': rpc<SyncPairing>()(z.object({ hqIdentity: identityText }).strict()),
  'sync.buildPackage': rpc<BuiltSyncPackage>()(z.object({}).strict()),
  'sync.applyPackage': rpc<SyncApplyOutcome>()(
    z
      .object({
        fileName: z.string().trim().min(1).max(260),
        // A package of head office's reference data is kilobytes; 48 MB of base64 is far above any.
        // An empty file is taken in, to be refused as damaged with the reason, like any other bad package.
        contentBase64: z.string().max(48 * 1024 * 1024),
      })
      .strict(),
  ),
};
