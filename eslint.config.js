// Lint rules carry the design's import direction and the "one seam for the world" rule:
// time, timers and randomness reach the core only through ports implemented in src/io
// (real host) and src/sim (virtual host).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const realClockGlobals = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate'].map(
  (name) => ({ name, message: 'Timers enter the core through the Clock port (src/ports); only src/io and src/sim touch them.' }),
);
const realClockSyntax = [
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Use the Clock port.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the Clock port.' },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Use the Random port.' },
  { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'Use the Clock port.' },
];
const ioModules = ['node:fs', 'node:fs/promises', 'node:net', 'node:dgram', 'node:child_process', 'node:os', 'node:process', 'fs', 'net', 'dgram', 'child_process', 'os'];

/** Forbid importing the given layers of ours from a layer (the design's import direction). */
function layers(from, forbidden, extraPaths = []) {
  return {
    files: [`src/${from}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: extraPaths.map((name) => ({ name, message: `src/${from} is pure: reach the host through a port.` })),
        patterns: forbidden.map((layer) => ({
          group: [`**/${layer}/**`, `../${layer}`, `../../${layer}`],
          message: `src/${from} must not import src/${layer} (see the layer diagram in README).`,
        })),
      }],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'native/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/io/**', 'src/sim/**', 'src/cli/**'],
    rules: {
      'no-restricted-globals': ['error', ...realClockGlobals],
      'no-restricted-syntax': ['error', ...realClockSyntax],
    },
  },
  layers('protocol', ['config', 'machines', 'actors', 'supervisor', 'io', 'sim', 'cli'], ioModules),
  layers('config', ['machines', 'actors', 'supervisor', 'io', 'sim', 'cli'], ioModules),
  layers('machines', ['actors', 'supervisor', 'io', 'sim', 'cli'], ioModules),
  layers('actors', ['io', 'sim', 'cli'], ioModules),
  layers('supervisor', ['io', 'sim', 'cli'], ioModules),
  layers('ports', ['actors', 'supervisor', 'io', 'sim', 'cli'], ioModules),
  {
    files: ['test/**/*.ts', 'bench/**/*', 'scripts/**/*'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
