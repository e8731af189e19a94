import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// hq_messages: head office's notices to a branch (通知), owned by head office and sent down in its
// packages: a title, the text, who sent it and on which day. The 同步 page lists them.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table hq_messages (
    id text primary key,
    title text not null,
    body text not null,
    sent_by text not null,
    sent_on text not null,
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create index hq_messages_by_day on hq_messages (sent_on)`.execute(db);
}
