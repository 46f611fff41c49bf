/**
 * Weekly action reminders (DESIGN §7). "Turn on weekly reminders" installs one time-driven
 * trigger for `sendActionReminders`, however often it is clicked. Each run emails every active
 * member whose `Reminders` is not No and who owns actions overdue or due within `Reminder days`
 * (schema/sheet/reminders.ts), once per member per ISO week, in their preferred format, and
 * logs each email in the `Reminders sent` tab: the log, not the trigger, is what makes a
 * second run in the same week (a second co-chair's trigger, a retry) send nothing twice.
 *
 * MailApp allows a daily number of emails (100 on a consumer account, 1,500 on Workspace);
 * a run never tries beyond what is left, and says who was not reminded and why in the
 * execution log and in the summary "Turn on weekly reminders" shows next time.
 */
import { formatLongDate, isoWeek, londonDateTime } from '../../schema/dates';
import { REMINDERS_SENT_TAB } from '../../schema/layout';
import { parseTab } from '../../schema/parse';
import { count } from '../../schema/rules/wording';
import { planReminders, remindedInWeek } from '../../schema/sheet/reminders';
import { BoardSheetError } from '../board-error';
import { withDocumentLock } from '../lock';
import { type MenuContext, scriptContext } from '../menu-context';
import {
  appendRows,
  BoardWorkbook,
  ensureColumns,
  requireUsable,
  rowByKey,
  type SheetValue,
  type TabData,
  writeBlock,
} from '../sheet-io';
import { datePattern } from './set-up-format';

export const REMINDER_FUNCTION = 'sendActionReminders';
/** The last run's summary, for the people who look after the board (document properties). */
export const LAST_RUN_PROPERTY = 'remindersLastRun';
/** Monday morning, in the script's time zone (Europe/London, appsscript.json). */
const WEEKDAY = 'MONDAY';
const HOUR = 8;

export function turnOnWeeklyReminders(context: MenuContext): void {
  const { ui } = context;
  // Two quick clicks must not install two triggers: the user lock orders them.
  const lock = LockService.getUserLock();
  lock.waitLock(30_000);
  let installed: boolean;
  try {
    const mine = ScriptApp.getProjectTriggers().filter(
      (trigger) => trigger.getHandlerFunction() === REMINDER_FUNCTION,
    );
    installed = mine.length === 0;
    if (installed) {
      ScriptApp.newTrigger(REMINDER_FUNCTION)
        .timeBased()
        .onWeekDay(ScriptApp.WeekDay[WEEKDAY])
        .atHour(HOUR)
        .create();
    }
    // More than one (made by hand, or by an older menu) would only repeat the work.
    for (const extra of mine.slice(1)) ScriptApp.deleteTrigger(extra);
  } finally {
    lock.releaseLock();
  }
  const lastRun = PropertiesService.getDocumentProperties().getProperty(LAST_RUN_PROPERTY);
  ui.alert(
    context.title,
    [
      installed
        ? 'Weekly reminders are now on. Every Monday between 8 and 9am the owners of actions that are overdue or due within "Reminder days" (Settings) get one email each, from your address, in their preferred format.'
        : 'Weekly reminders are already on (every Monday between 8 and 9am, from your address). Nothing was changed.',
      'Each email is logged in the "Reminders sent" tab, so nobody is reminded twice in a week. Members whose "Reminders" is No in the Members tab, and former members, are never emailed.',
      lastRun ? `Last run: ${lastRun}` : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    ui.ButtonSet.OK,
  );
}

export interface ReminderRun {
  readonly week: string;
  readonly sent: readonly string[];
  readonly alreadyReminded: readonly string[];
  readonly withoutEmail: readonly string[];
  readonly forOfficer: readonly string[];
  /** Not reminded because MailApp's daily quota ran out: the next run tries them again. */
  readonly overQuota: readonly string[];
  readonly message: string;
}

/** The trigger: sends this week's reminders. Also safe to run by hand from the editor. */
export function sendActionReminders(): ReminderRun {
  const { spreadsheet, now, today } = scriptContext();
  const run = withDocumentLock(() => {
    const workbook = new BoardWorkbook(spreadsheet);
    const board = workbook.readBoard(['Settings', 'Members', 'Actions']);
    requireUsable(board, 'Members');
    requireUsable(board, 'Actions');
    const { snapshot } = board;
    const log = workbook.readTab(REMINDERS_SENT_TAB.name) ?? createLog(spreadsheet);
    const parsed = parseTab(
      { [REMINDERS_SENT_TAB.name]: log.grid },
      REMINDERS_SENT_TAB,
      snapshot.settings.dateOrder,
    );
    if (!parsed.usable) {
      const issue = parsed.issues.find((candidate) => candidate.severity === 'error');
      throw new BoardSheetError(
        `${issue?.message ?? 'The Reminders sent tab cannot be read.'} Reminders were not sent: without the log they could go twice.`,
        issue ? { sheet: issue.sheet, cell: issue.cell } : null,
      );
    }
    const week = isoWeek(today);
    const plan = planReminders(snapshot, today, remindedInWeek(parsed.records, week));
    const named = (member: { readonly name: string; readonly id: string }) =>
      `${member.name} (${member.id})`;
    const sent: (typeof plan.emails)[number][] = [];
    const overQuota: string[] = [];
    let quota = MailApp.getRemainingDailyQuota();
    try {
      for (const email of plan.emails) {
        if (quota < 1) {
          overQuota.push(named(email.member));
          continue;
        }
        MailApp.sendEmail({
          to: email.to,
          subject: email.subject,
          body: email.body,
          name: snapshot.settings.boardName,
          ...(email.htmlBody ? { htmlBody: email.htmlBody } : {}),
        });
        quota--;
        sent.push(email);
      }
    } finally {
      // Whatever went wrong after them, the emails that went are logged, so none goes twice.
      logSent(log, parsed.columnIndex, sent, now, week, datePattern(snapshot.settings.dateOrder));
    }
    return {
      week,
      sent: sent.map((email) => named(email.member)),
      alreadyReminded: plan.alreadyReminded.map(named),
      withoutEmail: plan.withoutEmail.map(named),
      forOfficer: plan.forOfficer.map((entry) => entry.label),
      overQuota,
      until: plan.until,
    };
  });
  const message = summary(run);
  console.log(message);
  PropertiesService.getDocumentProperties().setProperty(
    LAST_RUN_PROPERTY,
    `${londonDateTime(now).replace('T', ' ')}: ${message}`.slice(0, 8_000),
  );
  const { until: _until, ...result } = run;
  return { ...result, message };
}

/** The log tab, made on the first run if "Set up board sheets" has not made it yet. */
function createLog(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): TabData {
  const headers: SheetValue[] = REMINDERS_SENT_TAB.columns.map((column) => column.header);
  const sheet = spreadsheet.insertSheet(REMINDERS_SENT_TAB.name, spreadsheet.getNumSheets());
  ensureColumns(sheet, headers.length);
  writeBlock(sheet, 1, 1, [headers]);
  const range = sheet.getRange(1, 1, 1, headers.length);
  range.setFontWeight('bold');
  sheet.setFrozenRows(1);
  return {
    sheet,
    range,
    values: [headers],
    grid: [headers as string[]],
    lastRow: 1,
    formulas: null,
  };
}

function logSent(
  log: TabData,
  columns: ReadonlyMap<string, number>,
  sent: readonly {
    readonly member: { readonly id: string };
    readonly actionIds: readonly string[];
  }[],
  now: Date,
  week: string,
  dateTimeFormat: string,
): void {
  if (sent.length === 0) return;
  const first = appendRows(
    log,
    sent.map((email) =>
      rowByKey(columns, {
        sentAt: now,
        memberId: email.member.id,
        actionIds: email.actionIds.join(', '),
        week,
      }),
    ),
  );
  const sentAt = columns.get('sentAt');
  if (sentAt !== undefined) {
    // A time of sending, not just a day: the cell would otherwise show the date only.
    log.sheet.getRange(first, sentAt + 1, sent.length, 1).setNumberFormat(dateTimeFormat);
  }
}

function summary(run: {
  week: string;
  until: string;
  sent: readonly string[];
  alreadyReminded: readonly string[];
  withoutEmail: readonly string[];
  forOfficer: readonly string[];
  overQuota: readonly string[];
}): string {
  const parts = [
    `${run.week}: ${count(run.sent.length, 'reminder')} sent${run.sent.length > 0 ? ` (${run.sent.join(', ')})` : ''}, for actions overdue or due by ${formatLongDate(run.until)}.`,
  ];
  if (run.overQuota.length > 0) {
    parts.push(
      `Not reminded, because today's email quota ran out (they will be reminded on the next run): ${run.overQuota.join(', ')}.`,
    );
  }
  if (run.withoutEmail.length > 0) {
    parts.push(
      `Not reminded, no email address in the Members tab: ${run.withoutEmail.join(', ')}.`,
    );
  }
  if (run.forOfficer.length > 0) {
    parts.push(
      `Not emailed, prefer Audio, BSL or Braille (for an officer to arrange): ${run.forOfficer.join(' ')}`,
    );
  }
  if (run.alreadyReminded.length > 0) {
    parts.push(`Already reminded this week: ${run.alreadyReminded.join(', ')}.`);
  }
  return parts.join(' ');
}
