/** A self-contained HTML page (no external assets) around timelines and tables. */
import { escapeHtml, TIMELINE_CSS } from './timeline.js';

export interface PageSection {
  readonly heading: string;
  /** Trusted HTML (an SVG from renderTimelineSvg, a table built with escapeHtml…). */
  readonly html: string;
}

export function renderPage(title: string, sections: readonly PageSection[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 6px; border-radius: 3px; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; }
${TIMELINE_CSS}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${sections.map((s) => `<h2>${escapeHtml(s.heading)}</h2>\n${s.html}`).join('\n')}
</body>
</html>
`;
}
