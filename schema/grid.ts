/**
 * The raw shape every source hands to the parser: what the Sheets API returns for
 * `values.batchGet` with `valueRenderOption=UNFORMATTED_VALUE` and
 * `dateTimeRenderOption=SERIAL_NUMBER`. Dates are serial day numbers (1899-12-30 epoch),
 * formula errors are their text (`#REF!`), and trailing empty cells and rows may be missing.
 */
export type RawCell = string | number | boolean | null;

export type RawRow = readonly RawCell[];

export type RawGrid = readonly RawRow[];

/** Tab name (as written in the workbook) to its grid. */
export type WorkbookGrids = Readonly<Record<string, RawGrid>>;
