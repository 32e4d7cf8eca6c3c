/**
 * A strict checker for the subset of Mermaid `stateDiagram-v2` the chart command emits, written
 * after mermaid's own grammar (packages/mermaid/src/diagrams/state/parser/stateDiagram.jison):
 * the real parser needs the `mermaid` package in a browser, which is not installed here.
 * Accepted statements, one per line:
 *   stateDiagram-v2 (first line) · %% comment · direction TB|BT|LR|RL
 *   state "label" as ID · state "label" as ID { · state ID { · }
 *   A --> B · A --> B : text · ID : text          (A, B: an ID or [*])
 * The lexer's rules it enforces: an ID is [^:\n\s\-{]+ and not a keyword; a description runs
 * from ':' up to the next ':' ';' or newline, so it may contain none; a state label is
 * [^"]*; '#' starts a comment; "direction XX" anywhere on a line is a direction statement.
 * And two things mermaid accepts but draws wrong, found by running mermaid itself
 * (test/unit/charts/mermaid-parser.test.ts, which needs Chromium; this checker does not): a
 * transition written inside a composite moves the states it names into that composite, and
 * of several self-transitions on one state only the last is drawn (mermaid-js/mermaid#6132).
 * Returns the states and transitions it read, for structural checks.
 */
export interface MermaidStateDoc {
  readonly states: Map<string, string>;
  readonly transitions: { readonly from: string; readonly to: string; readonly label: string | undefined; readonly scope: string | undefined }[];
}

const ID = String.raw`[^:\n\s\-{}"]+`;
const REF = String.raw`(?:\[\*\]|${ID})`;
const KEYWORDS = new Set(['state', 'note', 'end', 'default', 'class', 'classdef', 'scale', 'direction', 'as', 'hide', 'style', 'acctitle', 'accdescr']);
const TEXT = String.raw`[^:\n;#]+`;

export function checkMermaidState(text: string): MermaidStateDoc {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== 'stateDiagram-v2') throw new Error('mermaid: first line must be stateDiagram-v2');
  const states = new Map<string, string>();
  const transitions: MermaidStateDoc['transitions'][number][] = [];
  const scopes: string[] = [];
  const declaredIn = new Map<string, string | undefined>();
  const loops = new Set<string>();
  const id = (name: string, line: number): string => {
    if (name === '[*]') return name;
    if (!new RegExp(`^${ID}$`).test(name) || KEYWORDS.has(name.toLowerCase())) throw new Error(`mermaid line ${line}: bad state id '${name}'`);
    return name;
  };
  lines.slice(1).forEach((raw, index) => {
    const n = index + 2;
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('%%')) {
      if (line.startsWith('%%{')) throw new Error(`mermaid line ${n}: directives are not in the subset`);
      return;
    }
    if (/direction\s+(TB|BT|RL|LR)/i.test(line) && !/^direction (TB|BT|RL|LR)$/.test(line))
      throw new Error(`mermaid line ${n}: 'direction' inside text is read as a direction statement`);
    if (/^direction (TB|BT|RL|LR)$/.test(line)) return;
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^state "([^"]*)" as (\S+)( \{)?$/)) !== null) {
      states.set(id(m[2]!, n), m[1]!);
      declaredIn.set(m[2]!, scopes[scopes.length - 1]);
      if (m[3] !== undefined) scopes.push(m[2]!);
      return;
    }
    if ((m = line.match(/^state (\S+) \{$/)) !== null) {
      states.set(id(m[1]!, n), m[1]!);
      declaredIn.set(m[1]!, scopes[scopes.length - 1]);
      scopes.push(m[1]!);
      return;
    }
    if (line === '}') {
      if (scopes.pop() === undefined) throw new Error(`mermaid line ${n}: '}' without an open state`);
      return;
    }
    if ((m = line.match(new RegExp(`^(${REF}) --> (${REF})(?: :(${TEXT}))?$`))) !== null) {
      const label = m[3]?.trim();
      if (m[3] !== undefined && label === '') throw new Error(`mermaid line ${n}: empty description`);
      const scope = scopes[scopes.length - 1];
      for (const end of [m[1]!, m[2]!]) {
        if (scope !== undefined && end !== '[*]' && declaredIn.has(end) && declaredIn.get(end) !== scope)
          throw new Error(`mermaid line ${n}: a transition written in ${scope} moves ${end} there from ${declaredIn.get(end) ?? 'the top level'}`);
      }
      if (m[1] === m[2] && m[1] !== '[*]') {
        if (loops.has(m[1]!)) throw new Error(`mermaid line ${n}: a second self-transition on ${m[1]} (mermaid draws only one)`);
        loops.add(m[1]!);
      }
      transitions.push({ from: id(m[1]!, n), to: id(m[2]!, n), label, scope });
      return;
    }
    if ((m = line.match(new RegExp(`^(${ID}) :(${TEXT})$`))) !== null) {
      id(m[1]!, n);
      return;
    }
    throw new Error(`mermaid line ${n}: not in the stateDiagram-v2 subset: ${raw}`);
  });
  if (scopes.length > 0) throw new Error(`mermaid: state ${scopes[scopes.length - 1]} not closed`);
  return { states, transitions };
}
