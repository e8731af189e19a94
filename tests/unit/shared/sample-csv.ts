/** Reads tests/fixtures/sample-core-export.csv (GB18030, like real core-system exports) for the shared-helper tests. */
import { readFileSync } from 'node:fs';

export interface SampleRow {
  /** 1-based line number in the file, as used by the .expected.json files. */
  line: number;
  cells: Record<string, string>;
}

export const SAMPLE_CSV = new URL('../../fixtures/sample-core-export.csv', import.meta.url);

/** From samples/sample-core-export.csv.expected.json (shipped beside DOMAIN.md), copied here so the tests stand alone. */
export const SAMPLE_EXPECTED = {
  rejectedLines: [22, 92], // missing loan number; balance "N/A"
  badIdLines: [52],
  totalBalanceFen: 1960727697,
  acceptedLoans: 205,
  villages: {
    城庄村: 20,
    西沟村: 17,
    南庄村: 15,
    林家坪村: 17,
    马家圪垛村: 17,
    前庄村: 19,
    高家湾村: 16,
    石门墕村: 18,
    白文村: 13,
    刘家会村: 19,
    东坡村: 15,
    后沟村: 19,
  } as Record<string, number>,
};

/**
 * The rows an importer keeps: rejected lines dropped, and a repeated loan number (the sample has
 * one exact duplicate row) counted once.
 */
export function acceptedSampleRows(): SampleRow[] {
  const seen = new Set<string>();
  return readSampleRows().filter((row) => {
    if (SAMPLE_EXPECTED.rejectedLines.includes(row.line)) return false;
    const loan = row.cells['贷款账号'];
    if (seen.has(loan)) return false;
    seen.add(loan);
    return true;
  });
}

/** Minimal RFC 4180 line split: quoted fields may hold commas and doubled quotes (no embedded newlines in the sample). */
function splitLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote: ${line}`);
        cell += line.slice(i, q);
        i = q + 1;
        if (line[i] !== '"') break;
        cell += '"';
        i++;
      }
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      cell = line.slice(i, end);
      i = end;
    }
    cells.push(cell);
    if (i >= line.length) return cells;
    if (line[i] !== ',') throw new Error(`bad field end in: ${line}`);
    i++;
  }
}

export function readSampleRows(): SampleRow[] {
  const text = new TextDecoder('gb18030').decode(readFileSync(SAMPLE_CSV));
  const lines = text.split(/\r?\n/);
  const header = splitLine(lines[0]);
  const rows: SampleRow[] = [];
  lines.forEach((line, index) => {
    if (index === 0 || line.trim() === '') return;
    const values = splitLine(line);
    const cells: Record<string, string> = {};
    header.forEach((name, col) => {
      cells[name] = values[col] ?? '';
    });
    rows.push({ line: index + 1, cells });
  });
  return rows;
}
