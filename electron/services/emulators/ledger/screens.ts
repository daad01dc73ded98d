/**
 * The emulated Ledger's screen: flows of steps as the Nano apps build them with the BOLOS UX
 * library (a step is one screen layout; a paging step spreads a long value over several pages),
 * a cursor the two buttons move, and what pressing both buttons does on each step. Texts are the
 * Ethereum app's own (app-ethereum 1.13.0, src_bagl/*.c) so that a Speculos script that walks the
 * screens by their texts works here as on the device.
 *
 * Positions are approximate: the real device measures text in pixels with its own fonts; here a
 * value wraps every `charsPerLine` characters (the widths seen on the app's Nano S Plus snapshots).
 * Stax and Flex have touch screens (NBGL) that are not modelled: an emulated Stax or Flex shows
 * the Nano steps and takes the buttons, and Speculos's /finger leaves it unchanged.
 */

/** The BOLOS UX layouts used by the flows we emulate (icon `p`, bold `b`, normal `n` lines). */
export type Layout = 'pnn' | 'pb' | 'pbb' | 'nn' | 'bn' | 'paging' | 'bnnn';

export type Icon = 'eye' | 'certificate' | 'validate' | 'crossmark' | 'warning' | 'dashboard' | 'back';

/** What pressing both buttons on a step does (steps without one ignore it, as UX_STEP_NOCB does). */
export type StepAction = 'approve' | 'reject' | 'home' | 'settings' | 'quit' | 'toggle-blind-signing' | 'toggle-verbose-eip712' | 'toggle-nonce' | 'toggle-debug-data';

export interface Step {
  readonly layout: Layout;
  readonly icon?: Icon;
  /** The step's strings in layout order; a paging step has [title, value]. */
  readonly texts: readonly string[];
  readonly onBoth?: StepAction;
}

export interface Flow {
  readonly steps: readonly Step[];
  /** FLOW_LOOP: right on the last step comes back to the first (the app's home menu). */
  readonly loop: boolean;
}

/** One line of a page as Speculos reports it (`TextEvent` of speculos/observer.py). */
export interface TextEvent {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly clear: boolean;
}

export interface PageLine {
  readonly text: string;
  readonly bold: boolean;
}

/** What the screen shows at one cursor position. */
export interface Page {
  readonly step: Step;
  readonly icon?: Icon;
  readonly lines: readonly PageLine[];
  /** Arrows drawn at the screen's sides when the buttons can move. */
  readonly left: boolean;
  readonly right: boolean;
}

export interface ScreenGeometry {
  readonly width: number;
  readonly height: number;
  readonly charsPerLine: number;
  readonly linesPerPage: number;
}

export const NANO_GEOMETRY: ScreenGeometry = { width: 128, height: 64, charsPerLine: 17, linesPerPage: 3 };
/** The Nano S screen is 128×32: a paging step shows one line of its value per page. */
export const NANO_S_GEOMETRY: ScreenGeometry = { width: 128, height: 32, charsPerLine: 17, linesPerPage: 1 };

/** Splits a value into the lines the paging layout shows (words kept whole where they fit). */
export function wrap(value: string, charsPerLine: number): string[] {
  const lines: string[] = [];
  for (const paragraph of value.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      let rest = word;
      while (rest.length > 0) {
        const room = charsPerLine - (line ? line.length + 1 : 0);
        if (rest.length <= room) {
          line = line ? `${line} ${rest}` : rest;
          rest = '';
        } else if (line) {
          lines.push(line);
          line = '';
        } else {
          lines.push(rest.slice(0, charsPerLine));
          rest = rest.slice(charsPerLine);
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The pages of a flow, a paging step giving one page per screenful with "(i/n)" in its title. */
export function pagesOf(flow: Flow, geometry: ScreenGeometry): Page[] {
  const pages: Omit<Page, 'left' | 'right'>[] = [];
  for (const step of flow.steps) {
    if (step.layout === 'paging') {
      const [title = '', value = ''] = step.texts;
      const lines = wrap(value, geometry.charsPerLine);
      const count = Math.max(1, Math.ceil(lines.length / geometry.linesPerPage));
      for (let i = 0; i < count; i += 1) {
        const chunk = lines.slice(i * geometry.linesPerPage, (i + 1) * geometry.linesPerPage);
        pages.push({
          step,
          lines: [{ text: count > 1 ? `${title} (${i + 1}/${count})` : title, bold: true }, ...chunk.map((text) => ({ text, bold: false }))],
        });
      }
      continue;
    }
    const bold = step.layout === 'pb' ? [true] : step.layout === 'pbb' ? [true, true] : step.layout === 'bn' || step.layout === 'bnnn' ? [true, false, false, false] : [false, false, false];
    pages.push({ step, ...(step.icon ? { icon: step.icon } : {}), lines: step.texts.map((text, i) => ({ text, bold: bold[i] ?? false })) });
  }
  return pages.map((p, i) => ({ ...p, left: flow.loop || i > 0, right: flow.loop || i < pages.length - 1 }));
}

const CHAR_WIDTH = { regular: 6, bold: 7 } as const;
const LINE_HEIGHT = 14;

/** The text events Speculos would report for a page (one per line, centred). */
export function textEvents(page: Page, geometry: ScreenGeometry): TextEvent[] {
  const compact = geometry.height < 64;
  const top = page.icon ? (compact ? 2 : 28) : page.step.layout === 'paging' || page.step.layout === 'bnnn' ? 3 : compact ? 3 : Math.round((geometry.height - page.lines.length * LINE_HEIGHT) / 2);
  return page.lines
    .filter((line) => line.text.length > 0)
    .map((line, i) => {
      const w = line.text.length * (line.bold ? CHAR_WIDTH.bold : CHAR_WIDTH.regular);
      return { text: line.text, x: Math.max(0, Math.round((geometry.width - w) / 2)), y: top + i * LINE_HEIGHT, w, h: LINE_HEIGHT, clear: false };
    });
}

/** A cursor over a flow's pages, moved by the buttons as the UX library moves it. */
export class FlowCursor {
  readonly pages: readonly Page[];
  private index = 0;

  constructor(
    readonly flow: Flow,
    readonly geometry: ScreenGeometry,
  ) {
    this.pages = pagesOf(flow, geometry);
  }

  get page(): Page {
    const page = this.pages[this.index];
    if (!page) throw new Error('a flow has at least one page');
    return page;
  }

  get position(): number {
    return this.index;
  }

  right(): void {
    if (this.index < this.pages.length - 1) this.index += 1;
    else if (this.flow.loop) this.index = 0;
  }

  left(): void {
    if (this.index > 0) this.index -= 1;
    else if (this.flow.loop) this.index = this.pages.length - 1;
  }

  /** Moves to the first page of the step that carries `action`; false when the flow has none. */
  seek(action: StepAction): boolean {
    const at = this.pages.findIndex((p) => p.step.onBoth === action);
    if (at < 0) return false;
    this.index = at;
    return true;
  }
}
