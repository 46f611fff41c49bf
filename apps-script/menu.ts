/**
 * The sheet's menu (DESIGN §7: labels fixed). Apps Script calls a menu item's function by its
 * global name, so the build script reads this list to write one top-level `function` per item
 * into the bundle; `main.ts` exports a handler under each `functionName`.
 */
export const MENU_TITLE = 'Co-Production Board';

export const MENU_ITEMS = [
  { label: 'Set up board sheets', functionName: 'setUpBoardSheets' },
  { label: 'Check membership', functionName: 'checkMembership' },
  { label: 'Plan next meeting', functionName: 'planNextMeeting' },
  { label: 'Record attendance', functionName: 'recordAttendance' },
  { label: 'Follow up actions', functionName: 'followUpActions' },
  { label: 'Start commissioning project', functionName: 'startCommissioningProject' },
  { label: 'Prepare circulation pack', functionName: 'prepareCirculationPack' },
] as const;

export type MenuFunctionName = (typeof MENU_ITEMS)[number]['functionName'];

/** Global functions Apps Script calls by name: the simple trigger and the menu items. */
export const GLOBAL_FUNCTIONS: readonly string[] = [
  'onOpen',
  ...MENU_ITEMS.map((item) => item.functionName),
];
