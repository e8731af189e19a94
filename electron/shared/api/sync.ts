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

/** An identity file is a few hundred bytes; anything far larger is not one. */
const identityText = z.string().min(1, '请选择总行的身份文件').max(20_000, '这不是身份文件（文件过大）');

export const syncApi = {
  'sync.pair': rpc<SyncPairing>()(z.object({ hqIdentity: identityText }).strict()),
  'sync.buildPackage': rpc<BuiltSyncPackage>()(z.object({}).strict()),
};
