/** Reading a process's identity from /proc (comm from stat, skipping zombies; cmdline when needed). */
import { readdir, readFile } from 'node:fs/promises';
import type { ProcessIdentity } from '../../machines/tracking/process-match.js';

export interface ProcInfo extends ProcessIdentity {
  readonly pid: number;
  readonly ppid: number;
}

export async function listPids(procRoot = '/proc'): Promise<number[]> {
  try {
    const names = await readdir(procRoot);
    return names.filter((name) => /^[1-9][0-9]*$/.test(name)).map(Number);
  } catch {
    return [];
  }
}

/** undefined when the process is gone or a zombie (keepalived does not count zombies). */
export async function readProc(pid: number, withCmdline: boolean, procRoot = '/proc'): Promise<ProcInfo | undefined> {
  try {
    const stat = await readFile(`${procRoot}/${pid}/stat`, 'latin1');
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    if (open < 0 || close < open) return undefined;
    const comm = stat.slice(open + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    if (fields[0] === 'Z') return undefined;
    const ppid = Number(fields[1]);
    let argv: string[] = [];
    if (withCmdline) {
      const cmdline = await readFile(`${procRoot}/${pid}/cmdline`, 'latin1');
      argv = cmdline.split('\0');
      if (argv[argv.length - 1] === '') argv.pop();
    }
    return { pid, ppid, comm, argv };
  } catch {
    return undefined;
  }
}
