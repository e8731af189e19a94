import type { ParseArgsConfig } from 'node:util';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues = Record<string, string | boolean | undefined>;

export interface CliOutput {
  /** What `--json` prints: one JSON object. */
  json: unknown;
  /** What a person reads by default. */
  text: string;
  /** Things the user should know that are not the result (printed to stderr in both modes). */
  notices?: string[];
}

export interface CliCommand {
  /** Words that name the command, e.g. ['report', 'portfolio']. */
  words: string[];
  summary: string;
  usage: string;
  options: CliOptions;
  run(values: CliValues, positionals: string[]): Promise<CliOutput>;
}

export class CliUsageError extends Error {}

export function requireString(values: CliValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new CliUsageError(`missing --${name}`);
  return value;
}

export function optionalInt(values: CliValues, name: string): number | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new CliUsageError(`--${name} must be a whole number`);
  return Number(value);
}
