/** A plain-text table with wrapped cells, for people reading a terminal. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  maxWidths: readonly number[],
): string {
  const widths = header.map((title, col) =>
    Math.min(
      maxWidths[col] ?? Infinity,
      Math.max(title.length, ...rows.map((row) => (row[col] ?? '').length)),
    ),
  );
  const lines: string[] = [];
  const emit = (cells: readonly string[]): void => {
    const wrapped = cells.map((cell, col) => wrapText(cell, widths[col] ?? cell.length));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let i = 0; i < height; i++) {
      lines.push(
        wrapped
          .map((w, col) => (w[i] ?? '').padEnd(col === wrapped.length - 1 ? 0 : (widths[col] ?? 0)))
          .join('  ')
          .trimEnd(),
      );
    }
  };
  emit(header);
  lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach(emit);
  return lines.join('\n');
}

export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}
