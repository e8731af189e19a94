import type { ParseArgsConfig } from 'node:util';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues = Record<string, string | boolean | string[] | undefined>;

export interface CliOutput {
  /** What `--json` prints: one JSON object. */
  json: unknown;
  /** What a person reads by default. */
  text: string;
  /** Things the user should know that are not the result (printed to stderr in both modes). */
  notices?: string[];
  /** A result that is not a success although nothing failed (a sync package held or refused): 1. */
  exitCode?: number;
}

export interface CliCommand {
  /** Words that name the command, e.g. ['report', 'portfolio']. */
  words: string[];
  summary: string;
  usage: string;
  options: CliOptions;
  /** How many positional arguments it takes (a file to import); none unless said. */
  positionals?: number;
  run(values: CliValues, positionals: string[]): Promise<CliOutput>;
}

/** A mistake in the command line itself: exit code 2, and the command's usage is shown. */
export class CliUsageError extends Error {}

/** `--as <username>`: the staff member the command acts for; without it, the built-in system actor. */
export const AS_OPTION: CliOptions = { as: { type: 'string' } };

/** The `--as` value: a username, or null for the system actor. */
export function actingAs(values: CliValues): string | null {
  const value = values.as;
  if (value === undefined) return null;
  if (typeof value !== 'string' || value.trim() === '') throw new CliUsageError('--as 后面应写员工的用户名');
  return value.trim();
}

export function requireString(values: CliValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new CliUsageError(`缺少 --${name}`);
  return value;
}

export function optionalInt(values: CliValues, name: string): number | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) throw new CliUsageError(`--${name} 应为整数：${String(value)}`);
  return Number(value);
}
