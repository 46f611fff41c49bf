/**
 * The Apps Script entry points, all derived from the registrations in ./menu. The build makes
 * this module's default export the global `CoProductionBoard` and adds one top-level `function`
 * per entry point (Apps Script finds triggers and menu functions only as top-level
 * declarations), reading their names from `MENU_ITEMS` and `CALLABLE_GLOBALS` on that global.
 * The work is in ./handlers, which call the same schema/ rules as the server.
 */

import { BoardSheetError } from './board-error';
import {
  CALLABLE_GLOBALS,
  type CallableGlobal,
  MENU_ITEMS,
  MENU_TITLE,
  type MenuItem,
} from './menu';
import { runMenuItem } from './menu-context';

/** Simple trigger: adds the board's menu whenever the spreadsheet is opened. */
function onOpen(): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) menu.addItem(item.label, item.functionName);
  menu.addToUi();
}

function menuEntryPoint(item: MenuItem): () => void {
  // The registration is read at each click rather than copied here, so what runs is always
  // what the list says (the tests swap a handler for a recorder to prove it).
  return () => runMenuItem(item.label, item.handler);
}

function callableEntryPoint(callable: CallableGlobal): (...args: unknown[]) => unknown {
  return (...args) => {
    try {
      return (callable.handler as (...args: unknown[]) => unknown)(...args);
    } catch (error) {
      // A dialog shows the error's message, and a trigger's failure email quotes it: name the
      // cell to fix there too, as a menu item's alert does.
      if (error instanceof BoardSheetError) throw new Error(error.describe());
      throw error;
    }
  };
}

export default {
  // The registrations themselves, for the build (stub names) and the tests; Apps Script shows
  // only top-level functions, so these stay out of its menus and its Run list.
  MENU_ITEMS,
  CALLABLE_GLOBALS,
  onOpen,
  ...Object.fromEntries(MENU_ITEMS.map((item) => [item.functionName, menuEntryPoint(item)])),
  ...Object.fromEntries(
    CALLABLE_GLOBALS.map((callable) => [callable.functionName, callableEntryPoint(callable)]),
  ),
};
