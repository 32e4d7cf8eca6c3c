/**
 * fnmatch(3) for one path component as glob(3) uses it: `*`, `?`, `[...]` (with `!`/`^` negation
 * and ranges), backslash escapes, and a leading `.` that only a literal `.` matches. Linear
 * backtracking over the last `*` only, so no pattern can blow up.
 */

export function hasWildcard(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

export function fnmatch(pattern: string, name: string): boolean {
  if (name[0] === '.' && pattern[0] !== '.') return false;
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    const step = matchOne(pattern, p, name[n] as string);
    if (step === 'star') {
      starP = ++p;
      starN = n;
      continue;
    }
    if (step > 0) {
      p += step;
      n++;
      continue;
    }
    if (starP < 0) return false;
    p = starP;
    n = ++starN;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** How far the pattern advances when it matches `c` at `p` (0: no match), or 'star'. */
function matchOne(pattern: string, p: number, c: string): number | 'star' {
  if (p >= pattern.length) return 0;
  const pc = pattern[p];
  if (pc === '*') return 'star';
  if (pc === '?') return 1;
  if (pc === '\\' && p + 1 < pattern.length) return pattern[p + 1] === c ? 2 : 0;
  if (pc === '[') {
    const set = bracket(pattern, p, c);
    if (set !== undefined) return set.matched ? set.length : 0;
    // An unclosed '[' is an ordinary character.
  }
  return pc === c ? 1 : 0;
}

function bracket(pattern: string, start: number, c: string): { matched: boolean; length: number } | undefined {
  let i = start + 1;
  const negate = pattern[i] === '!' || pattern[i] === '^';
  if (negate) i++;
  let matched = false;
  let first = true;
  while (i < pattern.length) {
    let lo = pattern[i] as string;
    if (lo === ']' && !first) return { matched: matched !== negate, length: i + 1 - start };
    first = false;
    if (lo === '\\' && i + 1 < pattern.length) lo = pattern[++i] as string;
    let hi = lo;
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      hi = pattern[i + 2] as string;
      if (hi === '\\' && i + 3 < pattern.length) {
        hi = pattern[i + 3] as string;
        i++;
      }
      i += 2;
    }
    if (c >= lo && c <= hi) matched = true;
    i++;
  }
  return undefined;
}
