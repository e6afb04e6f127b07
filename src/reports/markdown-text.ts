/**
 * Putting arbitrary text into Markdown (GitHub Flavored): table cells, inline code and fenced blocks.
 * Shared by every Markdown this project writes, so that they agree on what needs escaping.
 */

/**
 * A table cell: one line, `|` escaped. A backslash is escaped first: GFM reads `\\` as an escaped
 * backslash, so text ending in `\` before an escaped pipe would otherwise end the cell.
 */
export const cell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** An inline code span that any text fits in: a backtick run longer than any inside it. */
export function code(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${s.replace(/\r?\n/g, ' ')}${pad}${ticks}`;
}

/** A fenced block of plain text, its fence longer than any backtick run inside, so the text cannot end it. */
export function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}
