/** The lines keepalived logs when it starts, in its wording. */
import { versionString, type HostInfo } from './host-info.js';

/** keepalived wraps option lists at 100 columns counting the label. */
const WRAP_COLUMNS = 100;

/** `Command line: 'keepalived' '-n' …`, wrapped at spaces, continuation lines indented. */
export function commandLineLines(argv: readonly string[], label = 'Command line'): string[] {
  const text = argv.map((a) => `'${a}'`).join(' ');
  const width = WRAP_COLUMNS - label.length;
  const lines: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    rest = rest.replace(/^ +/, '');
    if (rest.length === 0) break;
    let end = rest.length;
    if (rest.length > width) {
      end = rest[width] === ' ' ? width : rest.lastIndexOf(' ', width - 1);
      if (end <= 0) end = width;
    }
    const chunk = rest.slice(0, end);
    lines.push(lines.length === 0 ? `${label}: ${chunk}` : `${' '.repeat(label.length + 2)}${chunk}`);
    rest = rest.slice(end);
  }
  return lines;
}

export function startupLines(info: HostInfo, argv: readonly string[], configFile: string): string[] {
  return [
    `Starting ${versionString(info)}`,
    `Running on ${info.sysname} ${info.release} ${info.kernelVersion} (Node.js ${info.nodeVersion})`,
    ...commandLineLines(argv),
    `Configuration file ${configFile}`,
  ];
}
