/**
 * A deliberately simple line splitter for keyword-handler tests that must not depend on the real
 * reader: strips `#`/`!` comments, splits on white space, makes `{` and `}` words of their own,
 * and keeps "quoted strings" as one word. The real reader lives in src/config/reader.
 */
import type { ConfigLine } from '../../src/config/reader/types.js';

export function naiveLines(text: string, file = 'keepalived.conf'): ConfigLine[] {
  return text.split('\n').map((raw, i) => {
    const noComment = raw.replace(/[#!].*$/, '');
    const words: string[] = [];
    const re = /"([^"]*)"|([{}])|([^\s{}"]+)/g;
    for (let m = re.exec(noComment); m; m = re.exec(noComment)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
    return { position: { file, line: i + 1 }, words, text: noComment.trim() };
  });
}
