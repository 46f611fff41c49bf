/** Text into HTML for the dialogs: the board's data is typed by people and may hold `<` or `&`. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Shows an HTML page in a dialog over the sheet (the user closes it when done). */
export function showDialog(
  ui: GoogleAppsScript.Base.Ui,
  html: string,
  title: string,
  modal: boolean,
): void {
  const output = HtmlService.createHtmlOutput(html).setWidth(760).setHeight(560);
  if (modal) ui.showModalDialog(output, title);
  else ui.showModelessDialog(output, title);
}
