/**
 * The sidebar "Follow up actions" and "Save follow-up to actions" leave open beside the sheet:
 * what needs attention, grouped by owner, each with a link to its row of the Follow-up tab; the
 * rows needing fixing in the Actions tab with links to their cells; edits not saved yet; and
 * the button that makes the owners' Gmail drafts (`draftFollowUpEmails`). One panel to work
 * from in the meeting, instead of a chain of alerts to click through.
 */
import { cellLabel, type DataIssue } from '../../schema/issues';
import type { Member } from '../../schema/records';
import type { FollowUp } from '../../schema/rules';
import { count } from '../../schema/rules/wording';
import { arrangementLabel } from '../../schema/sheet/member-emails';
import type { BoardSnapshot } from '../../schema/snapshot';
import { type CellLinks, escapeHtml, page } from '../html';
import { reasonInWords, type WrittenFollowUp } from './follow-up-tab';

/** Beyond this many actions the sidebar says how many more there are: the tab has them all. */
const LISTED_IN_SIDEBAR = 150;

export interface SidebarParts {
  readonly snapshot: BoardSnapshot;
  readonly list: FollowUp;
  readonly written: WrittenFollowUp;
  readonly links: CellLinks;
  readonly actionsSheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** Sentences said first (what this run did), as plain text. */
  readonly said: readonly string[];
  /** Problems to show, as HTML with links to their cells (e.g. edits that could not be saved). */
  readonly problems: readonly string[];
  /** Owners the drafts would go to, for the button's words. */
  readonly draftable: number;
  readonly withoutEmail: readonly Member[];
  readonly forOfficer: readonly Member[];
}

export function followUpSidebarHtml(parts: SidebarParts): string {
  const { snapshot, list, written, links, actionsSheet } = parts;
  const sections: string[] = parts.said.map((line) => `<p>${escapeHtml(line)}</p>`);
  if (parts.problems.length > 0) {
    sections.push(
      `<h2>To sort out</h2><ul>${parts.problems.map((line) => `<li>${line}</li>`).join('')}</ul>`,
    );
  }
  if (written.pending.length > 0) {
    sections.push(
      `<h2>Not saved yet</h2><p>${count(written.pending.length, 'row')} of the Follow-up tab ${
        written.pending.length === 1 ? 'has' : 'have'
      } a Status or note the Actions tab does not have yet. They were kept as typed; use "Save follow-up to actions" to save them.</p><ul>${written.pending
        .slice(0, LISTED_IN_SIDEBAR)
        .map(
          (edit) =>
            `<li>${links.link(written.sheet, `A${edit.row.index + 1}`, edit.row.actionId || `row ${edit.row.index + 1}`)}</li>`,
        )
        .join('')}</ul>`,
    );
  }

  // Needs attention, by owner: actions with no owner first, then each owner in list order.
  const groups = new Map<string, string[]>();
  let shown = 0;
  for (const item of list.items) {
    if (shown >= LISTED_IN_SIDEBAR) break;
    const row = written.rowOf.get(item.action.id);
    if (row === undefined) continue;
    shown++;
    const line = `${links.link(written.sheet, `A${row}`, item.action.id)}: ${escapeHtml(
      item.reasons.map((reason) => reasonInWords(item, reason, list)).join('; ') || 'Open',
    )}`;
    const owners = item.action.ownerIds.length > 0 ? item.action.ownerIds : [''];
    for (const id of owners) {
      const group = groups.get(id);
      if (group) group.push(line);
      else groups.set(id, [line]);
    }
  }
  if (groups.size > 0) {
    const ordered = [...groups].sort(([a], [b]) => Number(a !== '') - Number(b !== ''));
    sections.push(
      `<h2>By owner</h2>${ordered
        .map(([id, lines]) => {
          const member = snapshot.memberById.get(id);
          const who =
            id === ''
              ? 'No owner'
              : member
                ? `${member.name} (${id})`
                : `${id} (not in the Members tab)`;
          return `<h3 style="font-size:14px;margin:.8em 0 .2em">${escapeHtml(who)}</h3><ul>${lines
            .map((line) => `<li>${line}</li>`)
            .join('')}</ul>`;
        })
        .join('')}${
        list.items.length > shown
          ? `<p class="note">And ${count(list.items.length - shown, 'more action')} in the Follow-up tab.</p>`
          : ''
      }`,
    );
  }

  const issues = snapshot.issues.filter((issue) => issue.sheet === 'Actions');
  if (issues.length > 0) {
    sections.push(
      `<h2>Action rows to fix</h2><ul>${issues
        .slice(0, 20)
        .map(
          (issue) =>
            `<li>${issueLink(links, actionsSheet, issue)}: ${escapeHtml(issue.message)}</li>`,
        )
        .join('')}</ul>${
        issues.length > 20 ? '<p class="note">"Check membership" lists the rest.</p>' : ''
      }`,
    );
  }

  sections.push(draftsSection(parts));
  return page(sections.join(''), DRAFT_SCRIPT);
}

function issueLink(links: CellLinks, sheet: GoogleAppsScript.Spreadsheet.Sheet, issue: DataIssue) {
  return links.link(sheet, issue.cell, cellLabel(issue));
}

function draftsSection(parts: SidebarParts): string {
  const names = (members: readonly Member[]) =>
    members.map((member) => escapeHtml(`${member.name} (${member.id})`)).join(', ');
  const lines = [
    '<h2>Emails to owners</h2>',
    parts.draftable > 0
      ? `<p>Gmail drafts to the ${count(parts.draftable, 'owner')} with an email address, each listing their actions in their preferred format. Nothing is sent: the drafts wait in your own Drafts folder.</p><button id="drafts" onclick="makeDrafts()">Create Gmail drafts</button>`
      : '<p>No owner of these actions has an email address to draft to.</p>',
  ];
  if (parts.withoutEmail.length > 0) {
    lines.push(
      `<p class="note">No email address in the Members tab: ${names(parts.withoutEmail)}.</p>`,
    );
  }
  if (parts.forOfficer.length > 0) {
    lines.push(
      `<p class="note">For an officer to arrange in their format (Audio, BSL or Braille), with their communication needs: ${parts.forOfficer.map((member) => escapeHtml(arrangementLabel(member))).join(' ')}</p>`,
    );
  }
  lines.push('<div id="result" role="status" aria-live="polite"></div>');
  return lines.join('');
}

/** The button's work happens in draftFollowUpEmails; its answer is shown in the sidebar. */
const DRAFT_SCRIPT = `function makeDrafts(){var b=document.getElementById('drafts');var r=document.getElementById('result');b.disabled=true;r.textContent='Creating drafts...';google.script.run.withSuccessHandler(function(done){r.textContent=done.message;b.disabled=false;}).withFailureHandler(function(error){r.textContent='Gmail drafts were not made: '+error.message;b.disabled=false;}).draftFollowUpEmails();}`;
