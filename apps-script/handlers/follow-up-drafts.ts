/**
 * Making the Gmail drafts, at most once per owner and content: the document's properties keep
 * a fingerprint of each draft made for a meeting, so answering Yes again (or running the item
 * twice) does not fill the co-chair's Drafts folder with copies. A changed list drafts anew.
 */
import type { FollowUp } from '../../schema/rules';
import { errorMessage } from '../board-error';
import type { OwnerEmail } from './follow-up-emails';

const PROPERTY_PREFIX = 'followUpDrafts:';

export interface DraftsMade {
  readonly created: readonly string[];
  readonly alreadyDrafted: readonly string[];
  /** Gmail's message when it refused (e.g. permission not granted); drafts before it stand. */
  readonly failure: string | null;
}

/** FNV-1a: a short fingerprint, enough to tell whether a draft's text has changed. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export function createDrafts(list: FollowUp, emails: readonly OwnerEmail[]): DraftsMade {
  const properties = PropertiesService.getDocumentProperties();
  const key = `${PROPERTY_PREFIX}${list.meeting?.id ?? list.referenceDate}`;
  const done = parseRecord(properties.getProperty(key));
  const created: string[] = [];
  const alreadyDrafted: string[] = [];
  let failure: string | null = null;
  for (const email of emails) {
    const name = `${email.member.name} (${email.member.id})`;
    const print = fingerprint(`${email.to}\n${email.subject}\n${email.body}`);
    if (done[email.member.id] === print) {
      alreadyDrafted.push(name);
      continue;
    }
    try {
      GmailApp.createDraft(email.to, email.subject, email.body);
    } catch (error) {
      failure = errorMessage(error);
      break;
    }
    done[email.member.id] = print;
    created.push(name);
  }
  if (created.length > 0) properties.setProperty(key, JSON.stringify(done));
  return { created, alreadyDrafted, failure };
}

function parseRecord(text: string | null): Record<string, string> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}
