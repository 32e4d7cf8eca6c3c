/**
 * Loads a CommonJS script with the V8 code cache written next to it at build time
 * (scripts/bundle.mjs), so its functions start from bytecode instead of being parsed and compiled
 * on every run. Node 22 caches ES modules itself (module.enableCompileCache); Node 20 does not.
 *
 * The script is `(function (exports, require, module, __filename, __dirname) { … })` preceded by a
 * `// code-cache key: …` line that the build changes each time; the cache file starts with the same
 * key and a newline. A cache from another build is not used; one from another Node is rejected by
 * V8 itself (it then compiles the source as usual). Undefined when the script cannot be loaded at
 * all, so that the caller falls back to the ES module.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export const CODE_CACHE_KEY_PREFIX = '// code-cache key: ';

export function loadCodeCached<T>(file: string): T | undefined {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const keyEnd = source.indexOf('\n');
  if (!source.startsWith(CODE_CACHE_KEY_PREFIX) || keyEnd < 0) return undefined;
  const key = source.slice(CODE_CACHE_KEY_PREFIX.length, keyEnd);
  const script = new Script(source, { filename: file, cachedData: cacheFor(`${file}.cache`, key) });
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dir: string) => void;
  wrapper(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/** The V8 data of the cache file when it was written for this build of the script. */
function cacheFor(file: string, key: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  const header = Buffer.from(`${key}\n`);
  if (data.length <= header.length || !data.subarray(0, header.length).equals(header)) return undefined;
  return data.subarray(header.length);
}
