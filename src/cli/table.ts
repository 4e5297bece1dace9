// Aligned text tables for the terminal, with optional ANSI colour (widths ignore escape codes).

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: string) => (s: string) => `\x1b[${open}m${s}\x1b[0m`;
export const COLOUR: Style = { bold: wrap('1'), dim: wrap('2'), red: wrap('31'), yellow: wrap('33'), green: wrap('32'), cyan: wrap('36') };
const same = (s: string) => s;
export const PLAIN: Style = { bold: same, dim: same, red: same, yellow: same, green: same, cyan: same };

// eslint-disable-next-line no-control-regex
const ANSI_RE = /\x1b\[[0-9;]*m/g;

export function visibleWidth(s: string): number {
  return [...s.replace(ANSI_RE, '')].length;
}

/** Columns separated by two spaces; `right` marks columns aligned right (numbers). The last column is not padded. */
export function renderTable(header: string[], rows: string[][], style: Style, right: ReadonlySet<number> = new Set()): string[] {
  // a loop, not Math.max(...rows): a spread of 100,000 rows overflows the call stack
  const widths = header.map((h, i) => {
    let w = visibleWidth(h);
    for (const r of rows) w = Math.max(w, visibleWidth(r[i] ?? ''));
    return w;
  });
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i] - visibleWidth(c)));
        if (right.has(i)) return pad + c;
        return i === cells.length - 1 ? c : c + pad;
      })
      .join('  ')
      .replace(/\s+$/, '');
  return [style.bold(line(header)), ...rows.map(line)];
}
