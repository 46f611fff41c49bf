/**
 * R17: the feedback loop ("you said, we did", the cabinet response's recommendations 6 and 8).
 * Every Feedback item gets a `We did` and a `Reported back on` within `Report back within
 * (days)` of being raised, and an item `Not acted on` says why (`Reason`).
 *
 * An item past its day and not reported back is an error: people who raised it are waiting and
 * the board's promise is broken now. One reported back late is a warning: it cannot be undone,
 * but it counts against the board in the annual report, so the co-chairs should know. An item
 * not acted on with no reason is an error: "we did not" without "because" is not reporting back.
 */
import { daysBetween, formatLongDate, type IsoDate } from '../dates';
import { reportBackDue, reportBackOverdue, reportedBackInTime } from '../feedback';
import type { Feedback } from '../records';
import type { BoardSettings } from '../settings';
import { type BoardSnapshot, lacksColumn } from '../snapshot';
import { FEEDBACK_TAB } from '../tabs';
import { cannotJudgeTab } from './cannot-judge-tab';
import { cannotJudge, type Finding, type FindingCell } from './finding';
import { count } from './wording';

export function checkFeedback(snapshot: BoardSnapshot, today: IsoDate): Finding[] {
  const missingHeaders = snapshot.unusableTabs.get(FEEDBACK_TAB.name);
  if (missingHeaders) {
    return [
      cannotJudgeTab(
        'R17',
        FEEDBACK_TAB.name,
        missingHeaders,
        'whether what people said was acted on and reported back',
      ),
    ];
  }
  const findings: Finding[] = [];
  const lacking = (['weDid', 'reportedBackOn', 'reason'] as const).filter((key) =>
    lacksColumn(snapshot, FEEDBACK_TAB, key),
  );
  findings.push(...lacking.map((key) => cannotJudge('R17', FEEDBACK_TAB, key)));
  const timingKnown = !lacking.includes('weDid') && !lacking.includes('reportedBackOn');
  for (const item of snapshot.feedback) {
    if (timingKnown) findings.push(...timing(item, snapshot.settings, today));
    if (!lacking.includes('reason') && item.status === 'Not acted on' && item.reason === null) {
      findings.push({
        rule: 'R17',
        severity: 'error',
        message: `${itemInWords(item)} is Not acted on but has no Reason: write down why, so that the people who raised it are told why not.`,
        memberIds: [],
        cells: at(item, 'reason'),
      });
    }
  }
  return findings;
}

/** Whether the item was, or should by now have been, reported back in time. */
function timing(item: Feedback, settings: BoardSettings, today: IsoDate): Finding[] {
  const due = reportBackDue(item, settings);
  const within = `Report back within (days) is ${settings.reportBackWithinDays}`;
  if (item.reportedBackOn !== null && item.weDid === null) {
    return [
      {
        rule: 'R17',
        severity: 'error',
        message: `${itemInWords(item)} was reported back on ${formatLongDate(item.reportedBackOn)} but has no We did: record what the board told the people who raised it.`,
        memberIds: [],
        cells: at(item, 'weDid'),
      },
    ];
  }
  if (item.reportedBackOn === null) {
    if (!reportBackOverdue(item, settings, today)) return [];
    return [
      {
        rule: 'R17',
        severity: 'error',
        message: `${itemInWords(item)}, raised on ${formatLongDate(item.dateRaised)}, was due to be reported back by ${formatLongDate(due)} (${count(daysBetween(due, today), 'day')} ago; ${within}): tell the people who raised it what the board did, then fill in We did and Reported back on.`,
        memberIds: [],
        cells: at(item, 'reportedBackOn'),
      },
    ];
  }
  if (reportedBackInTime(item, settings)) return [];
  return [
    {
      rule: 'R17',
      severity: 'warning',
      message: `${itemInWords(item)} was reported back on ${formatLongDate(item.reportedBackOn)}, ${count(daysBetween(due, item.reportedBackOn), 'day')} after it was due (${within}).`,
      memberIds: [],
      cells: at(item, 'reportedBackOn'),
    },
  ];
}

/** `Feedback F-07 ("Meetings start too early for people who…")`. */
function itemInWords(item: Feedback): string {
  const said = item.youSaid.replace(/\s+/g, ' ').trim();
  if (said.length <= 60) return `Feedback ${item.id} ("${said}")`;
  const cut = said.slice(0, 57);
  // Cut at a word's end, so that the message never shows half a word.
  const short = cut.lastIndexOf(' ') > 20 ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return `Feedback ${item.id} ("${short.trimEnd()}…")`;
}

function at(item: Feedback, key: keyof Feedback & string): FindingCell[] {
  return [{ tab: 'Feedback', row: item.row, key }];
}
