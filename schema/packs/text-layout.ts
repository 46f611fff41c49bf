/**
 * Plain-text layout for email bodies: lines of at most 78 characters where the words allow
 * (a long link stays whole on its own line), underlined headings, and aligned label columns.
 */

export const TEXT_WIDTH = 78;

/** Word-wraps one paragraph; `first` prefixes the first line and `rest` the others. */
export function wrap(text: string, first = '', rest = first, width = TEXT_WIDTH): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ')) {
    if (word === '') continue;
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** A heading underlined with `mark`: "=" for the title, "-" for sections, "~" below that. */
export function underlined(title: string, mark: '=' | '-' | '~'): string[] {
  return [title, mark.repeat(Math.min(title.length, TEXT_WIDTH))];
}

/** "Label:   value" lines with the values lined up, wrapped under themselves. */
export function labelled(entries: readonly (readonly [string, string | null])[]): string[] {
  const shown = entries.filter((entry): entry is readonly [string, string] => entry[1] !== null);
  const column = Math.max(0, ...shown.map(([label]) => label.length)) + 2;
  return shown.flatMap(([label, value]) =>
    wrap(value, `${label}:`.padEnd(column), ' '.repeat(column)),
  );
}

/** A list item: "- " then the first sentence, further lines indented under it. */
export function bullet(first: string, ...more: string[]): string[] {
  return [...wrap(first, '- ', '  '), ...more.flatMap((line) => wrap(line, '  '))];
}

/** Columns padded to the widest cell; the first column left-aligned, the others right. */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, index) =>
    Math.max(...rows.map((row) => (row[index] ?? '').length)),
  );
  return rows.map((row) =>
    row
      .map((cell, index) =>
        index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}
