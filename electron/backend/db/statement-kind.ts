import type { CompiledQuery } from 'kysely';

/**
 * What the driver must know before running a statement. The sqlite3 driver either keeps the
 * rows (`all`) or reports changes and the last rowid (`run`), never both, and does not say
 * whether a statement has result columns: so a statement runs with `run` only when it is
 * known to return no rows, and raw SQL is read past comments to find out what it is.
 */
export interface StatementKind {
  /** May return rows: run with `all`, which keeps them. */
  rows: boolean;
  /** An INSERT, UPDATE or DELETE whose caller wants the number of changed rows. */
  changes: boolean;
  /** An INSERT (or REPLACE): report the rowid of the last inserted row. */
  insert: boolean;
}

const READ: StatementKind = { rows: true, changes: false, insert: false };
const NO_ROWS: StatementKind = { rows: false, changes: false, insert: false };
const CHANGE: StatementKind = { rows: false, changes: true, insert: false };
const INSERT: StatementKind = { rows: false, changes: true, insert: true };
const RETURNING: StatementKind = { rows: true, changes: false, insert: false };

/** Statements that never return rows. Anything not listed here or below runs with `all`. */
const NEVER_ROWS = new Set([
  'create', 'drop', 'alter', 'begin', 'commit', 'end', 'rollback', 'savepoint', 'release',
  'attach', 'detach', 'vacuum', 'analyze', 'reindex',
]);
const DML = new Set(['insert', 'replace', 'update', 'delete']);
/** The keywords a WITH clause's statement can start with. */
const AFTER_WITH = new Set(['select', 'values', 'insert', 'replace', 'update', 'delete']);

export function statementKind(compiled: CompiledQuery): StatementKind {
  const node = compiled.query as { kind?: string; returning?: unknown };
  switch (node.kind) {
    case 'SelectQueryNode':
      return READ;
    case 'InsertQueryNode':
      return node.returning ? RETURNING : INSERT;
    case 'UpdateQueryNode':
    case 'DeleteQueryNode':
      return node.returning ? RETURNING : CHANGE;
    default:
      return kindOfSql(compiled.sql);
  }
}

/**
 * Raw SQL: its first keyword after whitespace and comments (past a WITH clause, the keyword
 * after the common table expressions). An INSERT, UPDATE or DELETE with a `returning` word
 * outside literals runs with `all`, and reports changes too (a column named "returning"
 * makes it run with `all` for nothing, never lose anything).
 */
export function kindOfSql(sql: string): StatementKind {
  const tokens = new Tokens(sql);
  let first = tokens.next();
  if (first === 'with') first = statementAfterWith(tokens);
  if (first === undefined) return READ;
  if (NEVER_ROWS.has(first)) return NO_ROWS;
  if (!DML.has(first)) return READ;
  const insert = first === 'insert' || first === 'replace';
  // Reading a batch insert's thousands of placeholders costs more than looking for the word first.
  const rows = /returning/i.test(sql) && hasTopLevel(tokens, 'returning');
  return { rows, changes: true, insert };
}

function statementAfterWith(tokens: Tokens): string | undefined {
  let depth = 0;
  for (let t = tokens.next(); t !== undefined; t = tokens.next()) {
    if (t === '(') depth++;
    else if (t === ')') depth--;
    else if (depth === 0 && (t === ';' || AFTER_WITH.has(t))) return t === ';' ? undefined : t;
  }
  return undefined;
}

function hasTopLevel(tokens: Tokens, word: string): boolean {
  let depth = 0;
  for (let t = tokens.next(); t !== undefined; t = tokens.next()) {
    if (t === '(') depth++;
    else if (t === ')') depth--;
    else if (depth === 0 && t === ';') return false;
    else if (depth === 0 && t === word) return true;
  }
  return false;
}

/**
 * SQLite's tokens, as far as telling keywords apart: words come lowercased, string literals
 * and quoted identifiers as `'` (never a keyword), other characters one by one; whitespace
 * and comments are skipped.
 */
class Tokens {
  private i = 0;
  constructor(private readonly sql: string) {}

  next(): string | undefined {
    const { sql } = this;
    const n = sql.length;
    while (this.i < n) {
      const c = sql[this.i];
      if (c <= ' ') {
        this.i++;
      } else if (c === '-' && sql[this.i + 1] === '-') {
        const end = sql.indexOf('\n', this.i + 2);
        this.i = end < 0 ? n : end + 1;
      } else if (c === '/' && sql[this.i + 1] === '*') {
        const end = sql.indexOf('*/', this.i + 2);
        this.i = end < 0 ? n : end + 2;
      } else if (c === "'" || c === '"' || c === '`' || c === '[') {
        this.skipQuoted(c === '[' ? ']' : c);
        return "'";
      } else if (isWordChar(c)) {
        const start = this.i;
        while (this.i < n && isWordChar(sql[this.i])) this.i++;
        return sql.slice(start, this.i).toLowerCase();
      } else {
        this.i++;
        return c;
      }
    }
    return undefined;
  }

  /** Past the closing quote; a doubled quote inside stands for itself. */
  private skipQuoted(close: string): void {
    let j = this.i + 1;
    for (;;) {
      const end = this.sql.indexOf(close, j);
      if (end < 0) {
        this.i = this.sql.length;
        return;
      }
      if (close !== ']' && this.sql[end + 1] === close) {
        j = end + 2;
        continue;
      }
      this.i = end + 1;
      return;
    }
  }
}

function isWordChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '$' || c > '\x7f';
}
