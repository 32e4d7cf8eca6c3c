/**
 * A cheap look at the command line before anything else is loaded: false only when no word can
 * select `-t` (a short-option cluster holding a `t`, or a prefix of `--config-test`), so that the
 * other modes do not load the config-test script. A word that might is settled by the real
 * parse (./config-test-select.ts).
 */
export function mightSelectConfigTest(args: readonly string[]): boolean {
  return args.some((arg) => {
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      return name.length > 2 && '--config-test'.startsWith(name);
    }
    return arg.startsWith('-') && arg.includes('t');
  });
}
