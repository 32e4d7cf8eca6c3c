/**
 * A small strict XML parser for tests (no XML package is installed): well-formedness as the
 * SVG needs it — one root, balanced and properly nested tags, quoted unique attributes, known
 * entities — returning an element tree to query. Throws on the first error.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string, at: number): string {
  return text.replace(/&([^;&<]*);|&/g, (whole, body: string | undefined) => {
    if (body === undefined) throw new Error(`bare '&' near offset ${at}`);
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    const e = ENTITIES[body];
    if (e === undefined) throw new Error(`unknown entity ${whole} near offset ${at}`);
    return e;
  });
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (msg: string): never => {
    throw new Error(`XML: ${msg} at offset ${i}`);
  };
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(source);
    if (m === null) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const skipSpace = (): void => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  while (i < source.length) {
    if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i);
      if (end < 0) fail('unterminated processing instruction');
      i = end + 2;
    } else if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end < 0) fail('unterminated comment');
      if (source.slice(i + 4, end).includes('--')) fail("'--' inside a comment");
      i = end + 3;
    } else if (source.startsWith('<!DOCTYPE', i)) {
      if (root !== undefined || stack.length > 0) fail('DOCTYPE after the root');
      const end = source.indexOf('>', i);
      if (end < 0) fail('unterminated DOCTYPE');
      i = end + 1;
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i);
      if (end < 0 || stack.length === 0) fail('bad CDATA');
      stack[stack.length - 1]!.text += source.slice(i + 9, end);
      i = end + 3;
    } else if (source.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (source[i] !== '>') fail('expected > in end tag');
      i++;
      const open = stack.pop();
      if (open === undefined || open.name !== name) fail(`</${name}> does not close <${open?.name ?? ''}>`);
    } else if (source[i] === '<') {
      i++;
      const name = readName();
      const attrs: Record<string, string> = {};
      for (;;) {
        const before = i;
        skipSpace();
        if (source.startsWith('/>', i) || source[i] === '>') break;
        if (i === before) fail('expected space before an attribute');
        const attr = readName();
        skipSpace();
        if (source[i] !== '=') fail(`attribute ${attr} without a value`);
        i++;
        skipSpace();
        const quote = source[i];
        if (quote !== '"' && quote !== "'") fail(`attribute ${attr} not quoted`);
        const end = source.indexOf(quote!, i + 1);
        if (end < 0) fail('unterminated attribute value');
        const raw = source.slice(i + 1, end);
        if (raw.includes('<')) fail(`'<' in attribute ${attr}`);
        if (attr in attrs) fail(`attribute ${attr} repeated`);
        attrs[attr] = decode(raw, i);
        i = end + 1;
      }
      const element: XmlElement = { name, attrs, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
      else if (root !== undefined) fail('a second root element');
      else root = element;
      if (source.startsWith('/>', i)) i += 2;
      else {
        i++;
        stack.push(element);
      }
    } else {
      const end = source.indexOf('<', i);
      const text = source.slice(i, end < 0 ? source.length : end);
      if (stack.length === 0) {
        if (text.trim() !== '') fail('text outside the root element');
      } else stack[stack.length - 1]!.text += decode(text, i);
      i = end < 0 ? source.length : end;
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]!.name}> not closed`);
  if (root === undefined) fail('no root element');
  return root!;
}

export function* descendants(element: XmlElement): Generator<XmlElement> {
  for (const child of element.children) {
    yield child;
    yield* descendants(child);
  }
}

export function hasClass(element: XmlElement, cls: string): boolean {
  return (element.attrs['class'] ?? '').split(/\s+/).includes(cls);
}
