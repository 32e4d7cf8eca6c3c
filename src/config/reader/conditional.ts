/**
 * `@id text` keeps `text` only when id is the config id; `@^id text` only when it is not. A line
 * with nothing after the id is dropped either way.
 */

/** The line without its `@id` prefix, or undefined when the line is dropped. */
export function applyConditional(line: string, configId: string): string | undefined {
  if (line[0] !== '@') return line;
  const reverse = line[1] === '^';
  const idStart = reverse ? 2 : 1;
  let idEnd = idStart;
  while (idEnd < line.length && line[idEnd] !== ' ' && line[idEnd] !== '\t') idEnd++;
  if (idEnd >= line.length) return undefined;
  const matches = line.slice(idStart, idEnd) === configId;
  if (matches === reverse) return undefined;
  let rest = idEnd;
  while (rest < line.length && (line[rest] === ' ' || line[rest] === '\t')) rest++;
  return line.slice(rest);
}
