/** Figures and tables as the replica benchmarks print them. */

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function fixed(n: number): string {
  return round(n).toFixed(2);
}

/** First column left-aligned, the others right-aligned, each as wide as its widest cell. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return (
    rows
      .map((r) =>
        r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
      )
      .join('\n') + '\n'
  );
}
