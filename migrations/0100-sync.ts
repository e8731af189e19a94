import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// File-based sync with head office (all empty until the branch pairs; a branch that never pairs
// works as before):
// - sync_identity: this branch's own keys (Ed25519 signing, age X25519 encryption) and its
//   public identity file; one row, made at pairing. The change log redacts the secret keys.
// - sync_peers: head office's identity, pinned by the fingerprint of its signing key at pairing;
//   acked_seq is the highest of this branch's packages head office has said it applied.
// - sync_outbox: every package built for a peer, its bytes kept (base64: rows are written
//   through the change log's JSON statements) so that a lost copy can be written again; up_to_seq is the change-log seq its rows were read at (the next delta
//   starts after the acknowledged package's).
// - sync_inbox: every package taken in from head office: applied, or held (a gap before it; its
//   bytes kept until the missing one comes). A refused package changes nothing here: it is kept
//   with its reason in a quarantine folder beside the database.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table sync_identity (
    id text primary key,
    kind text not null check (kind = 'branch'),
    code text not null,
    name text not null,
    signing_key text not null,
    age_identity text not null,
    public_identity text not null,
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create unique index sync_identity_one on sync_identity (kind)`.execute(db);
  await sql`create table sync_peers (
    id text primary key,
    kind text not null check (kind = 'hq'),
    code text not null,
    name text not null,
    fingerprint text not null unique,
    public_identity text not null,
    acked_seq integer not null default 0,
    revoked_at integer,
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create table sync_outbox (
    id text primary key,
    peer_id text not null references sync_peers (id),
    seq integer not null check (seq >= 1),
    hash text not null,
    previous_hash text,
    up_to_seq integer not null,
    rows integer not null,
    file_name text not null,
    content_base64 text not null,
    created_at integer not null,
    updated_at integer not null,
    unique (peer_id, seq)
  )`.execute(db);
  await sql`create table sync_inbox (
    id text primary key,
    peer_id text not null references sync_peers (id),
    from_code text not null,
    seq integer not null check (seq >= 1),
    hash text not null,
    package_id text not null,
    file_name text not null,
    status text not null check (status in ('applied', 'held')),
    reason text not null default '',
    content_base64 text,
    created_at integer not null,
    updated_at integer not null,
    unique (peer_id, seq)
  )`.execute(db);
}
