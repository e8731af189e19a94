/**
 * User text inside a LIKE pattern, for `like ? escape '\'`: its own `%`, `_` and `\` match
 * themselves instead of acting as wildcards.
 */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
