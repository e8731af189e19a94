/**
 * The bare ExcelJS streaming parse of one file timed in a process of its own, as the CLI import it
 * stands beside runs in one: in the bench's own process the parse ran up to twice as fast (its heap
 * already grown by the files the bench made, ExcelJS collects less often). Prints { seconds }: the
 * parse alone, the process's start and the file's reading not counted.
 *
 *   node --import tsx tests/bench/bare-parse-child.ts <file.xlsx>
 */
import { readFileSync } from 'node:fs';
import { bareExcelJsParse } from './bare-parse';

const bytes = readFileSync(process.argv[2]);
const { seconds, cells } = await bareExcelJsParse(bytes);
if (cells === 0) throw new Error('bare parse read no cells');
process.stdout.write(`${JSON.stringify({ seconds })}\n`);
