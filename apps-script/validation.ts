/**
 * The dropdown for an enumerated column. Invalid entries get Sheets' warning marker rather than
 * being refused: the parser accepts the same words in any case ("in progress"), and an officer
 * pasting old data must never lose it.
 */
export function dropdownRule(
  values: readonly string[],
): GoogleAppsScript.Spreadsheet.DataValidation {
  return SpreadsheetApp.newDataValidation()
    .requireValueInList([...values], true)
    .setAllowInvalid(true)
    .setHelpText(`Choose one of: ${values.join(', ')}.`)
    .build();
}
