/**
 * keepalived's definitions: `$NAME=value` (a trailing `\` starts a multi-line value), used as
 * `$NAME` (followed by white space, `,`, `)` or the end of the line) or `${NAME}`. A multi-line
 * definition may only be used at the end of a line: its first line replaces the use, its other
 * lines follow as lines of their own. Predefined: `_PWD`, `_INSTANCE`, `_RANDOM` (which alone takes
 * parameters: `${_RANDOM min max}`), `_HASH` (`#`) and `_BANG` (`!`).
 */
import { isAlpha, isDigit, isNameChar, skipBlanks } from './chars.js';

export interface Definition {
  readonly name: string;
  value: string;
  multiline: boolean;
  /** Predefined names compute their value at each use; a user definition of the name replaces it. */
  compute: ((params: string | undefined) => string) | undefined;
  readonly maxParams: number;
}

/** A use of a definition found in a line. */
export interface Reference {
  readonly definition: Definition;
  /** The use spans line[start, end). */
  readonly start: number;
  readonly end: number;
  readonly params: string | undefined;
}

export class Definitions {
  private readonly byName = new Map<string, Definition>();

  predefine(name: string, compute: (params: string | undefined) => string, maxParams = 0): void {
    this.byName.set(name, { name, value: '', multiline: false, compute, maxParams });
  }

  /** Sets a value as ~SEQ/~LST do (the multi-line flag of an existing definition is kept). */
  set(name: string, value: string): void {
    const existing = isAlpha(name[0]) || name[0] === '_' ? this.byName.get(name) : undefined;
    if (existing) {
      existing.value = value;
      existing.compute = undefined;
      return;
    }
    this.byName.set(name, { name, value, multiline: false, compute: undefined, maxParams: 0 });
  }

  /**
   * Handles a `$NAME=value` line. Returns the definition (already stored), or undefined when the
   * line is not a definition (e.g. blanks before `=`).
   */
  define(line: string): Definition | undefined {
    if (line[0] !== '$' || !(isAlpha(line[1]) || line[1] === '_')) return undefined;
    let i = 2;
    while (i < line.length && line[i] !== '=') {
      if (!isNameChar(line[i])) return undefined;
      i++;
    }
    if (i >= line.length) return undefined;
    const name = line.slice(1, i);
    let value = line.slice(skipBlanks(line, i + 1));
    let multiline = false;
    if (value.endsWith('\\')) {
      multiline = true;
      let end = value.length - 1;
      while (end > 0 && (value[end - 1] === ' ' || value[end - 1] === '\t')) end--;
      value = end > 0 ? `${value.slice(0, end)}\n` : '';
    }
    const existing = this.byName.get(name);
    if (existing) {
      existing.value = value;
      existing.multiline = multiline;
      existing.compute = undefined;
      return existing;
    }
    const created: Definition = { name, value, multiline, compute: undefined, maxParams: 0 };
    this.byName.set(name, created);
    return created;
  }

  /** The use of a definition starting at line[dollar] (which is `$`), if it names one. */
  reference(line: string, dollar: number): Reference | undefined {
    let i = dollar + 1;
    const braces = line[i] === '{';
    if (braces) i++;
    if (!(isAlpha(line[i]) || line[i] === '_')) return undefined;
    const nameStart = i;
    i++;
    while (i < line.length && isNameChar(line[i])) i++;
    const name = line.slice(nameStart, i);
    let params: string | undefined;
    let end: number;
    let atLineEnd: boolean;
    if (braces) {
      let paramStart = -1;
      let paramEnd = -1;
      while (i < line.length && (line[i] === ' ' || isDigit(line[i]))) {
        if (line[i] !== ' ') {
          if (paramStart < 0) paramStart = i;
          paramEnd = i;
        }
        i++;
      }
      if (paramStart >= 0 && paramEnd + 1 !== i) return undefined;
      if (line[i] !== '}') return undefined;
      if (paramStart >= 0) params = line.slice(paramStart, paramEnd + 1);
      end = i + 1;
      atLineEnd = params === undefined && end === line.length;
    } else {
      const c = line[i];
      if (i < line.length && c !== ' ' && c !== '\t' && c !== ',' && c !== ')') return undefined;
      end = i;
      atLineEnd = end === line.length;
    }
    const definition = this.byName.get(name);
    if (!definition) return undefined;
    if (definition.multiline && !atLineEnd) return undefined;
    if (params !== undefined && definition.maxParams === 0) return undefined;
    return { definition, start: dollar, end, params };
  }
}
