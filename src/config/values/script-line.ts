/**
 * Splitting a script line into argv as keepalived 2.2.7 does (parser.c
 * alloc_strvec_quoted_escaped, notify.c set_script_params_array / check_script_secure).
 *
 * keepalived splits twice: the configuration line is split with quotes and escapes, the word
 * after the keyword is taken alone, and that word is split again the same way. So
 * `script "/bin/check 'a b' c"` runs /bin/check with "a b" and "c", an escape inside the
 * quoted word is decoded twice, and words after the first (unquoted) one never reach the
 * script (for notify scripts they name the user and group instead).
 *
 * Within a word: white space ends it unless quoted; ' and " toggle quoting and can be glued
 * to other text (a"b c"d is one word); a backslash escapes in and out of quotes (C escapes,
 * \xHH…, \cX, octal \ooo, anything else stands for itself).
 */

export type SplitResult =
  | { readonly ok: true; readonly words: readonly string[] }
  | { readonly ok: false; readonly reason: string };

export interface ScriptArgv {
  readonly argv: readonly string[];
  /**
   * keepalived runs the line through /bin/sh -c (system(3)) instead of execve: only when the
   * command is a redirection testing a file, `</path` (check_script_secure's SC_SYSTEM). A
   * script without a #! line would also go through the shell with libmagic, which the
   * Debian build of 2.2.7 lacks; that case is decided at run time (src/io/scripts).
   */
  readonly needsShell: boolean;
}

const WHITE_SPACE = ' \t\f\n\r\v';

function isWhite(ch: string): boolean {
  return WHITE_SPACE.includes(ch);
}

function isHex(ch: string | undefined): boolean {
  return ch !== undefined && /^[0-9a-fA-F]$/.test(ch);
}

function isOctal(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '7';
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** Decodes the escape starting after a backslash at `i`; returns the character and the next index. */
function decodeEscape(text: string, i: number): { readonly ch: string; readonly next: number } {
  const first = text[i] ?? '';
  if (first === 'x' && isHex(text[i + 1])) {
    // keepalived accumulates every following hex digit into one (8-bit) char.
    let code = 0;
    let j = i + 1;
    while (isHex(text[j])) code = ((code << 4) | parseInt(text[j++] ?? '0', 16)) & 0xff;
    return { ch: String.fromCharCode(code), next: j };
  }
  if (first === 'c' && text[i + 1] !== undefined) {
    return { ch: String.fromCharCode((text.charCodeAt(i + 1) & 0x1f)), next: i + 2 };
  }
  if (isOctal(first)) {
    let code = 0;
    let j = i;
    for (let digits = 0; digits < 3 && isOctal(text[j]); digits += 1) code = ((code << 3) + Number(text[j++])) & 0xff;
    return { ch: String.fromCharCode(code), next: j };
  }
  return { ch: SIMPLE_ESCAPES[first] ?? first, next: i + 1 };
}

/** keepalived's alloc_strvec_quoted_escaped over one string. */
export function splitQuotedEscaped(text: string): SplitResult {
  const words: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && isWhite(text[i] ?? '')) i += 1;
    if (i >= n) break;
    let word = '';
    let quote = '';
    while (i < n) {
      const ch = text[i] ?? '';
      if (ch === '\\') {
        if (i + 1 >= n) return { ok: false, reason: `Missing escape char at end: '${text}'` };
        const decoded = decodeEscape(text, i + 1);
        word += decoded.ch;
        i = decoded.next;
      } else if (quote !== '') {
        if (ch === quote) quote = '';
        else word += ch;
        i += 1;
      } else if (ch === '"' || ch === "'") {
        quote = ch;
        i += 1;
      } else if (isWhite(ch)) {
        break;
      } else {
        word += ch;
        i += 1;
      }
    }
    if (quote !== '') return { ok: false, reason: `String '${text}': missing terminating ${quote}` };
    words.push(word);
  }
  return { ok: true, words };
}

/** `</path` (white space allowed after `<`): a file-existence test that only a shell can run. */
export function isRedirectionTest(argv0: string): boolean {
  return /^<[ \t]*\//.test(argv0);
}

function toScriptArgv(words: readonly string[]): ScriptArgv | undefined {
  const argv0 = words[0];
  if (argv0 === undefined) return undefined;
  return { argv: words, needsShell: isRedirectionTest(argv0) };
}

/**
 * The argv of a script keyword line as written (`script "/bin/x a"`, `notify_master /bin/y`),
 * i.e. the configuration line's text after comment removal and substitution. undefined when
 * keepalived would refuse it (unmatched quote, trailing backslash, nothing after the keyword).
 */
export function scriptArgvFromLine(lineText: string): ScriptArgv | undefined {
  const line = splitQuotedEscaped(lineText);
  if (!line.ok) return undefined;
  const command = line.words[1];
  if (command === undefined) return undefined;
  const split = splitQuotedEscaped(command);
  return split.ok ? toScriptArgv(split.words) : undefined;
}

/**
 * The argv of an already extracted command (the config model's ScriptCommand.command: the words
 * after the keyword joined by spaces, double quotes removed). Exact when the command was one
 * quoted word, as keepalived's documentation asks; for an unquoted multi-word command it keeps
 * every word where keepalived keeps only the first (see scriptArgvFromLine for exactness).
 */
export function scriptArgvFromCommand(command: string): ScriptArgv | undefined {
  const split = splitQuotedEscaped(command);
  return split.ok ? toScriptArgv(split.words) : undefined;
}

/**
 * keepalived's cmd_str: the line handed to `sh -c` when a script needs a shell. A leading
 * redirection stays raw, every other word is single-quoted.
 */
export function shellCommandLine(argv: readonly string[]): string {
  return argv
    .map((word, index) => (index === 0 && (word.startsWith('<') || word.startsWith('>')) ? word : `'${word.replaceAll("'", "'\\''")}'`))
    .join(' ');
}
