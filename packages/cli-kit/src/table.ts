export interface Column<Row> {
  header: string
  get: (row: Row) => string | number | boolean | undefined
}

/** A plain, aligned text table (no colours, no borders) that stays readable when piped. */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((c) => cellText(c.get(row))))
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)))
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n')
}

function cellText(value: string | number | boolean | undefined): string {
  if (value === undefined || value === '') return '-'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  return String(value).replace(/\s+/g, ' ')
}

/**
 * The width a table should fit: the terminal's when stdout is one, else $COLUMNS, else 80 (what
 * oclif's help assumes in a pipe).
 */
export function terminalColumns(
  stream: { isTTY?: boolean | undefined; columns?: number | undefined } = process.stdout,
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  if (stream.isTTY && stream.columns) return stream.columns
  const fromEnv = Number(env['COLUMNS'])
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80
}
