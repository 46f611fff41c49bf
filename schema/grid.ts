/**
 * The raw shape every source hands to the parser: what the Sheets API returns for
 * `values.batchGet` with `valueRenderOption=UNFORMATTED_VALUE` and
 * `dateTimeRenderOption=SERIAL_NUMBER`. Dates are serial day numbers (1899-12-30 epoch),
 * formula errors are their text (`#REF!`), and trailing empty cells and rows may be missing.
 *
 * One value is reserved beyond what Sheets returns: FORMULA_WITHOUT_VALUE, below.
 */
export type RawCell = string | number | boolean | null;

export type RawRow = readonly RawCell[];

export type RawGrid = readonly RawRow[];

/** Tab name (as written in the workbook) to its grid. */
export type WorkbookGrids = Readonly<Record<string, RawGrid>>;

/**
 * A cell holding a formula whose result was never stored in the file. Google Sheets always
 * calculates, but a local .xlsx holds only what the program that saved it stored, and
 * excel4node, write-excel-file, xlsx-populate and exceljs (without a result) store formulas
 * with no value (`<c><f>SUM(A2:A9)</f></c>`). Such a cell is not blank, and its value is not
 * known, so the .xlsx reader hands over this marker and the parser reports the cell
 * (schema/cells.ts `formulaProblem`), whether the column is required or not.
 *
 * It is a string, not a new kind of value, so that grids keep the one shape every source and
 * worker thread shares (and survive structured cloning); it is written like a formula error,
 * with spaces no real error has, so it cannot be mistaken for one, and it reads plainly if it
 * ever reaches a person.
 */
export const FORMULA_WITHOUT_VALUE = '#FORMULA WITHOUT VALUE!';
