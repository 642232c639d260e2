// Plain-text tables for a terminal: columns padded to their widest cell. Arabic names are
// padded by code points, which a terminal may render at another width; --json is the form
// for anything that reads the output.
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [format(headers), ...rows.map(format)];
}
