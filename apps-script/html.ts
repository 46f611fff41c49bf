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

/** Shows an HTML page in the sidebar, where it stays open beside the sheet while people work. */
export function showSidebar(ui: GoogleAppsScript.Base.Ui, html: string, title: string): void {
  ui.showSidebar(HtmlService.createHtmlOutput(html).setTitle(title));
}

/**
 * A whole page for a sidebar or dialog: plain, readable type, and `<base target="_top">` so a
 * link to a cell opens in the spreadsheet itself (Apps Script's dialogs are iframes; a link
 * without a target would open the sheet inside the sidebar).
 */
export function page(body: string, script = ''): string {
  return [
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><base target="_top"><style>',
    'body{font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.45;color:#202124;margin:12px}',
    'h2{font-size:15px;margin:1.2em 0 .4em}ul{padding-left:1.1em;margin:.3em 0}li{margin-bottom:.4em}',
    'a{color:#1a55b5}button{font-size:14px;padding:6px 12px;margin:.4em 0}.note{color:#5f6368}',
    '[role=status]{margin-top:.6em}',
    `</style></head><body>${body}${script ? `<script>${script}</script>` : ''}</body></html>`,
  ].join('');
}

/** Links that select a cell of the spreadsheet (its address is read once per run). */
export interface CellLinks {
  /** A link labelled `Tab!A1` (or `text`) that opens the tab at the cell. */
  link(sheet: GoogleAppsScript.Spreadsheet.Sheet, cell: string, text?: string): string;
}

export function cellLinks(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): CellLinks {
  const url = spreadsheet.getUrl();
  // Each call on a Sheet is a round trip: a tab's name and ID are asked once, not per link.
  const known = new Map<GoogleAppsScript.Spreadsheet.Sheet, { name: string; id: number }>();
  return {
    link(sheet, cell, text) {
      let tab = known.get(sheet);
      if (!tab) {
        tab = { name: sheet.getName(), id: sheet.getSheetId() };
        known.set(sheet, tab);
      }
      const { name, id } = tab;
      const label = text ?? `${name}!${cell}`;
      return `<a href="${escapeHtml(`${url}#gid=${id}&range=${cell}`)}">${escapeHtml(label)}</a>`;
    },
  };
}
