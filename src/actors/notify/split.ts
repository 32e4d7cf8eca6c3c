/**
 * Splits a script line into words the way keepalived does for notify scripts: blanks separate
 * words, single quotes keep everything literally, double quotes keep blanks and let a backslash
 * escape the next character, and a backslash outside quotes escapes the next character.
 * No variable expansion, no globbing: the words go to execve as they are.
 */
export function splitScriptLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < line.length) word += line[++i];
      else word += c;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c === '\\' && i + 1 < line.length) word += line[++i];
      else word += c;
    }
  }
  if (inWord) words.push(word);
  return words;
}
