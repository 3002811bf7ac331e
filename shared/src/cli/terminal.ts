/** Console output for the CLI: colour only on a TTY and never with NO_COLOR. */
export interface Terminal {
  out(text: string): void;
  err(text: string): void;
  readonly colour: boolean;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

export function createTerminal(stream: NodeJS.WriteStream = process.stdout): Terminal {
  // https://no-color.org: a non-empty NO_COLOR turns colour off.
  const colour = Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  const paint = (open: number, close: number) => (text: string) =>
    colour ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    colour,
    red: paint(31, 39),
    yellow: paint(33, 39),
    green: paint(32, 39),
    cyan: paint(36, 39),
    bold: paint(1, 22),
    dim: paint(2, 22),
  };
}

/** A plain text table: header row, a rule, and rows; columns padded to their widest cell. */
export function renderTable(title: string, headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const body = [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
  return (title ? [title, ...body] : body).join('\n');
}
