/**
 * The Apps Script entry points. The build bundles this module as the global
 * `CoProductionBoard` and adds one top-level `function` per export below (Apps Script finds
 * triggers and menu functions only as top-level declarations). Each is a thin wrapper: the
 * work is in ./handlers, which call the same schema/ rules as the server.
 */
import { checkMembership as checkMembershipHandler } from './handlers/check-membership';
import { prepareCirculationPack as prepareCirculationPackHandler } from './handlers/circulation-pack';
import { followUpActions as followUpActionsHandler } from './handlers/follow-up';
import { planNextMeeting as planNextMeetingHandler } from './handlers/plan-meeting';
import { recordAttendance as recordAttendanceHandler } from './handlers/record-attendance';
import { setUpBoardSheets as setUpBoardSheetsHandler } from './handlers/set-up';
import { startCommissioningProject as startCommissioningProjectHandler } from './handlers/start-project';
import { MENU_ITEMS, MENU_TITLE, type MenuFunctionName } from './menu';
import { type MenuHandler, runMenuItem } from './menu-context';

/** Simple trigger: adds the board's menu whenever the spreadsheet is opened. */
export function onOpen(): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) menu.addItem(item.label, item.functionName);
  menu.addToUi();
}

const HANDLERS: Record<MenuFunctionName, MenuHandler> = {
  setUpBoardSheets: setUpBoardSheetsHandler,
  checkMembership: checkMembershipHandler,
  planNextMeeting: planNextMeetingHandler,
  recordAttendance: recordAttendanceHandler,
  followUpActions: followUpActionsHandler,
  startCommissioningProject: startCommissioningProjectHandler,
  prepareCirculationPack: prepareCirculationPackHandler,
};

function run(functionName: MenuFunctionName): void {
  const item = MENU_ITEMS.find((candidate) => candidate.functionName === functionName);
  runMenuItem(item?.label ?? functionName, HANDLERS[functionName]);
}

export function setUpBoardSheets(): void {
  run('setUpBoardSheets');
}
export function checkMembership(): void {
  run('checkMembership');
}
export function planNextMeeting(): void {
  run('planNextMeeting');
}
export function recordAttendance(): void {
  run('recordAttendance');
}
export function followUpActions(): void {
  run('followUpActions');
}
export function startCommissioningProject(): void {
  run('startCommissioningProject');
}
export function prepareCirculationPack(): void {
  run('prepareCirculationPack');
}
