/**
 * Every global function the bundle offers Apps Script, registered once: a menu item is its label
 * (DESIGN §7: fixed), the global function name Apps Script calls when it is clicked, and the
 * handler that does the work. `main.ts` derives `onOpen` and one entry point per registration
 * from these lists, the build writes one top-level stub per registration (it reads the lists
 * from the built bundle), and the tests check the menu, the stubs and the handlers against them.
 * Adding a menu item or a callable global is one line here and nothing anywhere else.
 */
import { checkMembership } from './handlers/check-membership';
import {
  draftCirculationPack,
  prepareCirculationPack,
  previewCirculationPack,
} from './handlers/circulation-pack';
import { followUpActions } from './handlers/follow-up';
import { draftFollowUpEmails } from './handlers/follow-up-drafts';
import { draftMeetingInvitations } from './handlers/invitations';
import { onBoardChange, turnOnLiveUpdates } from './handlers/live-updates';
import { planNextMeeting } from './handlers/plan-meeting';
import { recordAttendance } from './handlers/record-attendance';
import { sendActionReminders, turnOnWeeklyReminders } from './handlers/reminders';
import { saveFollowUpToActions } from './handlers/save-follow-up';
import { setUpBoardSheets } from './handlers/set-up';
import { startCommissioningProject } from './handlers/start-project';
import type { MenuHandler } from './menu-context';

export const MENU_TITLE = 'Co-Production Board';

export interface MenuItem {
  /** What the menu shows (DESIGN §7), and the title of the item's dialogs. */
  readonly label: string;
  /** The global function Apps Script calls by name when the item is clicked. */
  readonly functionName: string;
  readonly handler: MenuHandler;
}

/**
 * A global that a dialog (`google.script.run.<functionName>(...)`) or an installed trigger calls
 * by name, not a menu item. Its handler gets the caller's arguments as they are (a trigger passes
 * its event) and its result goes back to the dialog; a failure is thrown back to the caller (the
 * dialog's failure handler, or the trigger's failure email), since there may be no one to show a
 * dialog to.
 */
export interface CallableGlobal {
  readonly functionName: string;
  // `never[]` accepts a handler with any parameters: what a caller passes is not type-checked.
  readonly handler: (...args: never[]) => unknown;
}

/** In the order of the menu. */
export const MENU_ITEMS: readonly MenuItem[] = [
  { label: 'Set up board sheets', functionName: 'setUpBoardSheets', handler: setUpBoardSheets },
  { label: 'Check membership', functionName: 'checkMembership', handler: checkMembership },
  { label: 'Plan next meeting', functionName: 'planNextMeeting', handler: planNextMeeting },
  { label: 'Record attendance', functionName: 'recordAttendance', handler: recordAttendance },
  { label: 'Follow up actions', functionName: 'followUpActions', handler: followUpActions },
  {
    label: 'Save follow-up to actions',
    functionName: 'saveFollowUpToActions',
    handler: saveFollowUpToActions,
  },
  {
    label: 'Start commissioning project',
    functionName: 'startCommissioningProject',
    handler: startCommissioningProject,
  },
  {
    label: 'Prepare circulation pack',
    functionName: 'prepareCirculationPack',
    handler: prepareCirculationPack,
  },
  {
    label: 'Turn on weekly reminders',
    functionName: 'turnOnWeeklyReminders',
    handler: turnOnWeeklyReminders,
  },
  { label: 'Turn on live updates', functionName: 'turnOnLiveUpdates', handler: turnOnLiveUpdates },
];

/**
 * The globals that dialogs and triggers call: DESIGN §7's `draftCirculationPack(meetingId,
 * audience)` (the pack dialog's button), `sendActionReminders()` (the weekly trigger),
 * `draftFollowUpEmails()` (the follow-up sidebar's button) and `onBoardChange(e)` (the change
 * trigger of live updates), the pack dialog's own `previewCirculationPack(meetingId,
 * audience)`, which builds the pack it shows, and `draftMeetingInvitations(meetingId)` (the
 * "Plan next meeting" dialog's button).
 */
export const CALLABLE_GLOBALS: readonly CallableGlobal[] = [
  { functionName: 'draftCirculationPack', handler: draftCirculationPack },
  { functionName: 'sendActionReminders', handler: sendActionReminders },
  { functionName: 'draftFollowUpEmails', handler: draftFollowUpEmails },
  { functionName: 'draftMeetingInvitations', handler: draftMeetingInvitations },
  { functionName: 'previewCirculationPack', handler: previewCirculationPack },
  { functionName: 'onBoardChange', handler: onBoardChange },
];
