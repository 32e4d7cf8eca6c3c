/** One entry point for every format, so the CLI and the live view render the same way. */
import { renderDot } from './dot.js';
import { renderMermaid } from './mermaid.js';
import type { ChartBundle } from './model.js';
import { dotToSvg } from './svg.js';

export const FORMATS = ['svg', 'mermaid', 'dot', 'json'] as const;
export type ChartFormat = (typeof FORMATS)[number];

export async function renderBundle(bundle: ChartBundle, format: ChartFormat): Promise<string> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(bundle, null, 2)}\n`;
    case 'dot':
      return renderDot(bundle);
    case 'mermaid':
      return renderMermaid(bundle);
    case 'svg':
      return dotToSvg(renderDot(bundle));
  }
}
