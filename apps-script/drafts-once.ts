/**
 * Gmail drafts made at most once: the follow-up emails, the meeting invitations and the
 * circulation packs each keep a JSON record in a property of what they drafted, and skip what
 * the record already holds, so clicking twice never drafts twice.
 */
import type { MemberEmail } from '../schema/sheet/member-emails';
import { errorMessage } from './board-error';

/** A record of what was drafted, kept as JSON in a property; unreadable or missing is empty. */
export function parseRecord(text: string | null): Record<string, string> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** `Ann Achebe (M01)`: how the dialogs name a member. */
export const named = (member: { readonly name: string; readonly id: string }) =>
  `${member.name} (${member.id})`;

export interface DraftedOnce {
  /** The members drafted for now, named. */
  readonly created: readonly string[];
  /** The members skipped because the record already holds their draft, named. */
  readonly alreadyDrafted: readonly string[];
  /** Gmail's message when it refused (e.g. permission not granted); drafts before it stand. */
  readonly failure: string | null;
}

/** What a menu item that drafts tells the officer, whatever it drafts. */
export interface DraftsReport {
  /** The members drafted for now, named. */
  readonly created: readonly string[];
  /** Members with no email address, named: no draft. */
  readonly withoutEmail: readonly string[];
  /** Audio, BSL and Braille members, each with their communication needs. */
  readonly forOfficer: readonly string[];
  /** Gmail's message when it refused (e.g. permission not granted); drafts before it stand. */
  readonly failure: string | null;
  /** All of it in words, for the dialog or sidebar. */
  readonly message: string;
}

/**
 * The lines every drafts report ends with: who had no email address, who an officer must reach
 * another way (to arrange their `what`, "update" or "invitation"), and Gmail's refusal.
 */
export function closingLines(
  report: Pick<DraftsReport, 'withoutEmail' | 'forOfficer' | 'failure'>,
  what: string,
): string[] {
  const lines: string[] = [];
  if (report.withoutEmail.length > 0) {
    lines.push(
      `No email address in the Members tab, so no draft: ${report.withoutEmail.join(', ')}.`,
    );
  }
  if (report.forOfficer.length > 0) {
    lines.push(
      `Prefer Audio, BSL or Braille, so an officer needs to arrange their ${what}: ${report.forOfficer.join(' ')}`,
    );
  }
  if (report.failure) lines.push(`Gmail stopped with: ${report.failure}`);
  return lines;
}

/**
 * One Gmail draft per email whose member the record under `key` does not already hold with
 * `entry(email)`, in order; stops at Gmail's first refusal. The record is written once, after
 * drafting, and only when something was drafted.
 */
export function draftOnce(
  properties: GoogleAppsScript.Properties.Properties,
  key: string,
  emails: readonly MemberEmail[],
  senderName: string,
  entry: (email: MemberEmail) => string,
  alreadyDone: (email: MemberEmail, recorded: string | undefined) => boolean,
): DraftedOnce {
  const done = parseRecord(properties.getProperty(key));
  const created: string[] = [];
  const alreadyDrafted: string[] = [];
  let failure: string | null = null;
  for (const email of emails) {
    if (alreadyDone(email, done[email.member.id])) {
      alreadyDrafted.push(named(email.member));
      continue;
    }
    try {
      GmailApp.createDraft(email.to, email.subject, email.body, {
        name: senderName,
        ...(email.htmlBody ? { htmlBody: email.htmlBody } : {}),
      });
    } catch (error) {
      failure = errorMessage(error);
      break;
    }
    done[email.member.id] = entry(email);
    created.push(named(email.member));
  }
  if (created.length > 0) properties.setProperty(key, JSON.stringify(done));
  return { created, alreadyDrafted, failure };
}
