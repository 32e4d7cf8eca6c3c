/**
 * DOT → SVG with Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz): the layout is
 * Graphviz's own, offline, no hosted service. Loaded on first use only, so no other mode pays
 * for the WASM.
 */
import type { Graphviz } from '@hpcc-js/wasm-graphviz';

let graphviz: Promise<Graphviz> | undefined;

export function loadGraphviz(): Promise<Graphviz> {
  graphviz ??= import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load());
  return graphviz;
}

export async function dotToSvg(dot: string): Promise<string> {
  return (await loadGraphviz()).dot(dot, 'svg');
}

/** Graphviz's own reading of a DOT text (its parser; throws on a syntax error), as JSON. */
export async function parseDot(dot: string): Promise<unknown> {
  return JSON.parse((await loadGraphviz()).layout(dot, 'json', 'dot')) as unknown;
}
