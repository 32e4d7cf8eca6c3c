/**
 * Mermaid itself, for reading our Mermaid text: its browser build (node_modules/mermaid, the
 * IIFE bundle with every diagram type in it) in headless Chromium through playwright-core. The
 * page is blank and offline: the bundle is injected from disk, and any request the page makes
 * is refused and recorded, so a run never depends on the network.
 *
 * `read` returns what mermaid made of a text twice over: what its parser built (states with
 * their parent composite, transitions) and what its renderer drew (state boxes with their label
 * lines and positions, composites, transition paths with their labels), for structural checks.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';

const require = createRequire(import.meta.url);
const MERMAID_BUNDLE = require.resolve('mermaid/dist/mermaid.min.js');
export const MERMAID_VERSION = (require('mermaid/package.json') as { version: string }).version;

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface MermaidReading {
  readonly svg: string;
  /** The parser's model. `[*]` stands for every start and end pseudo-state. */
  readonly parsed: {
    readonly states: readonly { readonly id: string; readonly parent: string | null }[];
    readonly transitions: readonly { readonly from: string; readonly to: string }[];
  };
  /** The rendered SVG, as laid out in the page. */
  readonly drawn: {
    readonly states: readonly { readonly id: string; readonly lines: readonly string[]; readonly box: Box }[];
    readonly composites: readonly { readonly id: string; readonly lines: readonly string[]; readonly box: Box }[];
    readonly transitions: readonly { readonly id: string; readonly lines: readonly string[] }[];
  };
}

/**
 * Runs in the page (plain JavaScript: the project's TypeScript has no DOM types). The parser's
 * model comes from mermaidAPI.getDiagramFromText, which mermaid 11 keeps though it marks it
 * deprecated; the version is pinned, and a mermaid without it fails here loudly.
 */
const READ = String.raw`async ({ text, id }) => {
  const mermaid = window.mermaid;
  const data = (await mermaid.mermaidAPI.getDiagramFromText(text)).db.getData();
  const pseudo = new Set(data.nodes.filter((n) => n.shape === 'stateStart' || n.shape === 'stateEnd').map((n) => n.id));
  const end = (n) => (pseudo.has(n) ? '[*]' : n);
  const { svg } = await mermaid.render(id, text);
  const host = document.createElement('div');
  document.body.replaceChildren(host);
  host.innerHTML = svg;
  const root = host.querySelector('svg');
  // Labels are HTML in a foreignObject: innerText gives one line per <br>.
  const lines = (el) => {
    const html = el.querySelector('foreignObject > *');
    return (html ? html.innerText : el.textContent).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  };
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  };
  const stateId = new RegExp('^' + id + '-state-(.+)-[0-9]+$');
  const edgeIds = [...new Set([...root.querySelectorAll('path[data-edge="true"]')].map((p) => p.getAttribute('data-id')))];
  return {
    svg,
    parsed: {
      states: data.nodes.filter((n) => !pseudo.has(n.id)).map((n) => ({ id: n.id, parent: n.parentId ?? null })),
      transitions: data.edges.map((e) => ({ from: end(e.start), to: end(e.end) })),
    },
    drawn: {
      states: [...root.querySelectorAll('g.node')]
        .map((g) => ({ id: (g.id.match(stateId) ?? [])[1] ?? g.id, lines: lines(g), box: box(g) }))
        .filter((s) => !pseudo.has(s.id)),
      composites: [...root.querySelectorAll('g.statediagram-cluster')].map((g) => ({ id: g.getAttribute('data-id'), lines: lines(g), box: box(g) })),
      transitions: edgeIds.map((edge) => {
        const label = root.querySelector('g.edgeLabel g.label[data-id="' + edge + '"]');
        return { id: edge, lines: label ? lines(label) : [] };
      }),
    },
  };
}`;

export class MermaidPage {
  /** Every URL the page tried to load (all refused). */
  readonly requests: string[] = [];
  private renders = 0;

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  /** Chromium on a fresh temporary profile (playwright's own, removed on close) with mermaid loaded. */
  static async open(): Promise<MermaidPage> {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
    try {
      const page = await browser.newPage();
      const m = new MermaidPage(browser, page);
      await page.route('**/*', (route) => {
        m.requests.push(route.request().url());
        return route.abort();
      });
      await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
      await page.addScriptTag({ path: MERMAID_BUNDLE });
      await page.evaluate('window.mermaid.initialize({ startOnLoad: false })');
      return m;
    } catch (e) {
      await browser.close();
      throw e;
    }
  }

  /** mermaid.parse: the diagram type it detected; rejects with mermaid's message. */
  async parse(text: string): Promise<string> {
    const r = await this.page.evaluate<{ type?: string; error?: string }>(
      `window.mermaid.parse(${JSON.stringify(text)}).then((r) => ({ type: r.diagramType }), (e) => ({ error: String(e?.message ?? e) }))`,
    );
    if (r.error !== undefined) throw new Error(r.error);
    return r.type ?? '';
  }

  /** Parses and renders; rejects with mermaid's message when either fails. */
  async read(text: string): Promise<MermaidReading> {
    const id = `kts-mermaid-${++this.renders}`;
    return this.page.evaluate<MermaidReading>(`(${READ})(${JSON.stringify({ text, id })})`);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
