/** Set by the CLI's build (electron/cli-build.mjs) to its built worker beside out/cli/cli.js; undefined under tsx. */
declare const __CLI_PARSE_WORKER__: string | undefined;

/** The import-parse worker (built, or from source under tsx): the CLI parses with the app's memory and time limits. */
export const CLI_PARSE_WORKER =
  typeof __CLI_PARSE_WORKER__ === 'string' ? new URL(__CLI_PARSE_WORKER__, import.meta.url) : new URL('../../cli-parse-worker.mjs', import.meta.url);
