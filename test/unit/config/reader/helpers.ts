/** Reads an in-memory config and renders lines and reports compactly for assertions. */
import { formatDiagnostic } from '../../../../src/config/diagnostics.js';
import { readConfigDetailed, type ReadOutcome } from '../../../../src/config/reader/read.js';
import { MemoryConfigHost, type MemoryConfigHostInit } from '../../../../src/sim/memory-config-host.js';

export interface ReadOpts {
  readonly configId?: string;
  readonly allConfig?: boolean;
  readonly main?: string;
}

export function read(files: Record<string, string>, opts: ReadOpts = {}, init: MemoryConfigHostInit = {}): ReadOutcome {
  const host = new MemoryConfigHost({ cwd: '/etc/keepalived', ...init, files });
  return readConfigDetailed(opts.main ?? 'keepalived.conf', { configId: opts.configId ?? 'host1', allConfig: opts.allConfig ?? false, configTest: true }, host);
}

/** Lines as `file:line word|word`, reports (in order) as `! message` lines. */
export function render(outcome: ReadOutcome): string[] {
  const out: string[] = [];
  for (const line of outcome.lines) {
    for (const d of line.reports ?? []) out.push(`! ${formatDiagnostic(d)}`);
    out.push(`${line.position.file}:${line.position.line} ${line.words.join('|')}`);
  }
  for (const d of outcome.trailing) out.push(`! ${formatDiagnostic(d)}`);
  return out;
}

/** Just the words of each line. */
export function words(files: Record<string, string>, opts: ReadOpts = {}): string[] {
  return read(files, opts).lines.map((l) => l.words.join('|'));
}

export function reports(outcome: ReadOutcome): string[] {
  return [...outcome.lines.flatMap((l) => l.reports ?? []), ...outcome.trailing].map((d) => formatDiagnostic(d));
}
