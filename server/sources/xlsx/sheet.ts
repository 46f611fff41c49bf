/** Reading one worksheet part into a grid. */

import { FORMULA_WITHOUT_VALUE, type RawCell, type RawGrid } from '../../../schema/grid';
import {
  type CellPosition,
  GridBuilder,
  isoDateToSerial,
  MAX_COLUMNS,
  MAX_ROWS,
  nonEmpty,
  parseBoolean,
  parseCellReference,
  parseNonNegativeInteger,
} from './cells';
import { damaged } from './errors';
import type { ReadBudget } from './limits';
import { DAYS_BETWEEN_1900_AND_1904_SYSTEMS, StringItemCollector } from './workbook';
import { type Attributes, decodeOoxmlEscapes, type XmlHandlers } from './xml';

/** Turns one worksheet's `<sheetData>` into a grid, one cell at a time. */
export class WorksheetReader implements XmlHandlers {
  private readonly builder: GridBuilder;
  private readonly position: CellPosition = { column: -1, row: -1 };
  private readonly inlineString: StringItemCollector;

  private inSheetData = false;
  private rowIndex = 0;
  private nextRowIndex = 0;
  private nextColumnIndex = 0;

  private inCell = false;
  private cellColumn = 0;
  private cellType = '';
  private cellStyle = 0;
  private inValue = false;
  /** Whether the cell has a `<v>` (a stored value, perhaps empty) and an `<f>` (a formula). */
  private hasValue = false;
  private hasFormula = false;
  private valueText = '';
  private inInlineString = false;

  constructor(
    private readonly sharedStrings: readonly string[],
    /**
     * Empty unless the workbook uses the 1904 date system: for each cell style, whether its
     * number format shows a calendar date (not a time of day or a duration).
     */
    private readonly dateStyles: readonly boolean[],
    private readonly budget: ReadBudget,
    /** Names the sheet in messages (`the sheet "Actions"`). */
    private readonly what: string,
  ) {
    this.builder = new GridBuilder(budget, what);
    this.inlineString = new StringItemCollector(budget, what);
  }

  grid(): RawGrid {
    return this.builder.grid();
  }

  onOpen(name: string, attributes: () => Attributes): void {
    if (name === 'sheetData') this.inSheetData = true;
    if (!this.inSheetData) return;
    if (name === 'row') this.startRow(attributes());
    else if (name === 'c') this.startCell(attributes());
    else if (!this.inCell) return;
    else if (name === 'v') {
      this.inValue = true;
      this.hasValue = true;
    } else if (name === 'f') this.hasFormula = true;
    else if (name === 'is') this.inInlineString = true;
    else if (this.inInlineString) this.inlineString.open(name);
  }

  onClose(name: string): void {
    if (name === 'sheetData') this.inSheetData = false;
    if (!this.inCell) return;
    if (name === 'c') this.finishCell();
    else if (name === 'v') this.inValue = false;
    else if (name === 'is') this.inInlineString = false;
    else if (this.inInlineString) this.inlineString.close(name);
  }

  onText(text: string): void {
    if (this.inValue) {
      this.valueText += text;
      // Comments or CDATA sections can split one value into many texts under the parser's
      // token limit; the value as a whole is held to the same limit.
      if (this.valueText.length > this.budget.limits.maxTokenChars) {
        throw this.budget.tokenTooLong(this.what);
      }
    } else if (this.inInlineString) this.inlineString.append(text);
  }

  private startRow(attributes: Attributes): void {
    const rowNumber = parseNonNegativeInteger(attributes.r);
    this.moveToRow(rowNumber !== undefined && rowNumber > 0 ? rowNumber - 1 : this.nextRowIndex);
    this.nextColumnIndex = 0;
  }

  private moveToRow(rowIndex: number): void {
    if (rowIndex >= MAX_ROWS) throw damaged(`a row is numbered beyond Excel's last row`);
    this.rowIndex = rowIndex;
    this.nextRowIndex = rowIndex + 1;
  }

  private startCell(attributes: Attributes): void {
    // A missing or unreadable reference means "the cell after the previous one".
    const reference = attributes.r;
    let column = this.nextColumnIndex;
    if (reference) {
      parseCellReference(reference, this.position);
      if (this.position.column >= 0) column = this.position.column;
      if (this.position.row >= 0 && this.position.row !== this.rowIndex) {
        this.moveToRow(this.position.row);
      }
    }
    if (column >= MAX_COLUMNS) throw damaged(`a cell lies beyond Excel's last column`);

    this.inCell = true;
    this.cellColumn = column;
    this.nextColumnIndex = column + 1;
    this.cellType = attributes.t ?? 'n';
    this.cellStyle = parseNonNegativeInteger(attributes.s) ?? 0;
    this.valueText = '';
    this.hasValue = false;
    this.hasFormula = false;
    this.inlineString.reset();
  }

  private finishCell(): void {
    this.builder.set(this.rowIndex, this.cellColumn, this.cellValue());
    this.inCell = false;
    this.inValue = false;
    this.inInlineString = false;
  }

  private cellValue(): RawCell {
    // A formula whose result was never stored (no <v> at all; an empty <v> is a stored empty
    // text) has a value nobody knows: not blank, so the parser can say what to do about it.
    if (this.hasFormula && !this.hasValue && this.cellType !== 'inlineStr') {
      return FORMULA_WITHOUT_VALUE;
    }
    const text = this.valueText;
    switch (this.cellType) {
      case 's':
        return this.sharedString(text);
      case 'inlineStr':
        return nonEmpty(this.inlineString.take()) ?? nonEmpty(decodeOoxmlEscapes(text));
      case 'str':
        return nonEmpty(decodeOoxmlEscapes(text));
      case 'b':
        return parseBoolean(text);
      case 'e':
        return nonEmpty(text.trim());
      case 'd':
        return isoDateToSerial(text);
      default:
        return this.numberValue(text);
    }
  }

  private sharedString(indexText: string): string | null {
    const index = parseNonNegativeInteger(indexText.trim());
    // An index past the end means a damaged table; treat the cell as blank rather than fail.
    return index === undefined ? null : nonEmpty(this.sharedStrings[index] ?? '');
  }

  private numberValue(text: string): number | string | null {
    const trimmed = text.trim();
    if (trimmed === '') return null;
    const value = Number(trimmed);
    // Not a number after all: keep what was written rather than losing it.
    if (!Number.isFinite(value)) return text;
    // Times of day are fractions of a day in both systems, so only dates move (a date-time
    // keeps its fraction). Time formats are not date styles at all; a fraction alone in a
    // date-styled cell is a time typed without a date, which must stay a time too.
    return value >= 1 && this.dateStyles[this.cellStyle] === true
      ? value + DAYS_BETWEEN_1900_AND_1904_SYSTEMS
      : value;
  }
}
