/**
 * Heavy CommonJS packages that synchronous code needs, loaded at their first use instead of when
 * the backend loads: a CLI command or the app's start pays only for what it runs (ExcelJS alone
 * was half a second of every CLI start's CPU). Code that can wait uses `await import()` instead.
 * Types come from `import type`; require() caches each package, so a second call costs nothing.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type BwipJs from 'bwip-js/node';
import type Pg from 'pg';

const requirePackage = createRequire(import.meta.url);

export const excelJs = (): typeof ExcelJS => requirePackage('exceljs') as typeof ExcelJS;
export const bwipJs = (): typeof BwipJs => requirePackage('bwip-js/node') as typeof BwipJs;
export const pg = (): typeof Pg => requirePackage('pg') as typeof Pg;
