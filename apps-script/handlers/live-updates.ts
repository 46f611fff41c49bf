/**
 * Live updates (DESIGN §7, §9). "Turn on live updates" installs one change trigger for the
 * spreadsheet, however often it is clicked, and tests the server once. The trigger,
 * `onBoardChange`, posts a refresh hint so that partners see an edit within seconds, at most
 * one hint per 2 seconds (schema/sheet/live-updates.ts decides when). It reads no sheet: it runs
 * on every change anyone makes, so it must stay cheap.
 */
import {
  HINT_INTERVAL_MS,
  planHint,
  REFRESH_TOKEN_PROPERTY,
  SERVER_URL_PROPERTY,
} from '../../schema/sheet/live-updates';
import { errorMessage } from '../board-error';
import type { MenuContext } from '../menu-context';
import {
  answered,
  type HintResult,
  type HintSettings,
  hintSettings,
  postHint,
} from './refresh-hint';

export const CHANGE_FUNCTION = 'onBoardChange';
/** When the last hint went, or is due to go (epoch ms), in the script cache all runs share. */
export const LAST_HINT_KEY = 'liveUpdatesLastHint';
/** Long enough to outlive the interval; after that the next change simply posts. */
const LAST_HINT_SECONDS = 60;
/**
 * Deciding takes one cache read and write: a run that cannot get the lock in this time is stuck
 * behind something wrong, and giving up beats a pile of runs waiting on each other.
 */
const DECIDE_LOCK_MS = 1_000;

export function turnOnLiveUpdates(context: MenuContext): void {
  const { ui, title } = context;
  const settings = hintSettings();
  if (!('target' in settings)) {
    ui.alert(title, settingsHelp(settings), ui.ButtonSet.OK);
    return;
  }
  const installed = installChangeTrigger(context.spreadsheet);
  const test = postHint(settings.target, 'turnOnLiveUpdates');
  ui.alert(
    title,
    [
      installed
        ? 'Live updates are now on. Whenever anyone changes the board spreadsheet, the board’s server is asked to read it again, so partners see the change within seconds.'
        : 'Live updates were already on. Nothing was changed.',
      testReport(test, settings.target.serverUrl),
    ].join('\n\n'),
    ui.ButtonSet.OK,
  );
}

/** The change trigger, installed once: true when this click installed it. */
function installChangeTrigger(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean {
  // Two quick clicks must not install two triggers: the user lock orders them.
  const lock = LockService.getUserLock();
  lock.waitLock(30_000);
  try {
    const mine = ScriptApp.getProjectTriggers().filter(
      (trigger) => trigger.getHandlerFunction() === CHANGE_FUNCTION,
    );
    if (mine.length === 0) {
      ScriptApp.newTrigger(CHANGE_FUNCTION).forSpreadsheet(spreadsheet).onChange().create();
    }
    // More than one (made by hand, or by an older menu) would only send every hint twice.
    for (const extra of mine.slice(1)) ScriptApp.deleteTrigger(extra);
    return mine.length === 0;
  } finally {
    lock.releaseLock();
  }
}

function settingsHelp(settings: Exclude<HintSettings, { target: unknown }>): string {
  const where =
    'In this spreadsheet choose Extensions > Apps Script, then Project Settings (the gear on the left), and under "Script properties" choose "Edit script properties".';
  if ('problem' in settings) {
    return `Live updates are not on: ${settings.problem}\n\n${where} Correct it there, then choose "Turn on live updates" again.`;
  }
  return [
    `Live updates are not on yet: the script needs to know where the board’s server is and how to sign its requests to it, and ${settings.missing.join(' and ')} ${settings.missing.length > 1 ? 'are' : 'is'} not set.`,
    `${where} Add:`,
    `• ${SERVER_URL_PROPERTY}: the server’s address, starting https:// (for example https://board.example.org).`,
    `• ${REFRESH_TOKEN_PROPERTY}: a token the server lists with the role REFRESH (ask whoever runs the server). It must be a REFRESH token: everyone who can edit this spreadsheet can see it, and a REFRESH token can only ask the server to read the sheet again, nothing else.`,
    'Then choose "Turn on live updates" again.',
  ].join('\n');
}

function testReport(result: HintResult, serverUrl: string): string {
  const again =
    'Correct it in Script properties (Extensions > Apps Script > Project Settings); live updates stay on and use it from the next change. Choose "Turn on live updates" again to test.';
  if ('unreachable' in result) {
    return `But the test could not reach the server at ${serverUrl} (${result.unreachable}). Check ${SERVER_URL_PROPERTY}, and that the server is running and can be reached from the internet: the requests come from Google, not from your computer. ${again}`;
  }
  if (answered(result)) return `Test: the server at ${serverUrl} answered.`;
  if (result.status === 401 || result.status === 403) {
    return `But the server refused the token (HTTP ${result.status}). ${REFRESH_TOKEN_PROPERTY} must be a token the server lists with the role REFRESH. ${again}`;
  }
  if (result.status === 404) {
    return `But the server has no refresh hook (HTTP 404). Check ${SERVER_URL_PROPERTY} is the server’s own address, and that the server is up to date. ${again}`;
  }
  return `But the server answered the test with HTTP ${result.status}. Until it accepts hints, partners see changes when it next reads the board on its own. ${again}`;
}

/**
 * The change trigger. Quietly does nothing until the Script Properties are set, and never
 * throws: a network error or a refusal is logged (the execution log), not emailed.
 */
export function onBoardChange(): void {
  try {
    const settings = hintSettings();
    if ('missing' in settings) return;
    if ('problem' in settings) {
      console.warn(`Live updates: no refresh hint sent. ${settings.problem}`);
      return;
    }
    const plan = claimHint();
    if (!plan.send) return;
    // The trailing hint: wait for the interval to end, then cover every change since the last.
    if (plan.waitMs > 0) Utilities.sleep(plan.waitMs);
    const result = postHint(settings.target, CHANGE_FUNCTION);
    if (!answered(result)) {
      console.warn(
        `Live updates: the refresh hint was not accepted (${'status' in result ? `HTTP ${result.status}` : result.unreachable}).`,
      );
    }
  } catch (error) {
    console.warn(`Live updates: no refresh hint sent (${errorMessage(error)}).`);
  }
}

/**
 * Decides, under the script lock so that simultaneous runs see each other's decisions, whether
 * this change posts and when, and records that hint. The lock is released before any wait or
 * post, so the runs of a burst never queue behind one another.
 */
function claimHint(): ReturnType<typeof planHint> {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(DECIDE_LOCK_MS)) {
    console.warn('Live updates: no refresh hint sent, another run held the lock too long.');
    return { send: false };
  }
  try {
    const cache = CacheService.getScriptCache();
    const last = Number(cache.get(LAST_HINT_KEY) ?? Number.NaN);
    const plan = planHint(Number.isFinite(last) ? last : null, Date.now(), HINT_INTERVAL_MS);
    if (plan.send) cache.put(LAST_HINT_KEY, String(plan.at), LAST_HINT_SECONDS);
    return plan;
  } finally {
    lock.releaseLock();
  }
}
