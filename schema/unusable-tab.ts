/**
 * The one wording for a tab that is missing or lacks a required header, wherever that stops
 * something: a pack, a GraphQL query, a menu item. Each says what it could not do and how to
 * go on, in the same sentence shape, so officers learn one message.
 */
import type { TabName } from './layout';

/**
 * `The workbook has no "Tasks" tab` or `The Actions tab cannot be read: it has no "Status"
 * header`: what is wrong, as the parser's own data issue for the tab begins.
 */
export function unusableTabReason(tab: TabName, missingHeaders: readonly string[]): string {
  if (missingHeaders.length === 0) return `The workbook has no "${tab}" tab`;
  const headers = missingHeaders.map((header) => `"${header}"`).join(', ');
  return `The ${tab} tab cannot be read: it has no ${headers} header${plural(missingHeaders)}`;
}

/**
 * The whole message: the reason, what it stops (`so the pack cannot be made`), and the fix,
 * with `then` after it (`, then try again`, ` (see dataIssues)`).
 */
export function unusableTabMessage(
  tab: TabName,
  missingHeaders: readonly string[],
  stops: string,
  then: string,
): string {
  const fix =
    missingHeaders.length === 0
      ? 'Add the tab'
      : `Add the header${plural(missingHeaders)} to the tab`;
  return `${unusableTabReason(tab, missingHeaders)}, so ${stops}. ${fix}${then}.`;
}

function plural(items: readonly unknown[]): string {
  return items.length > 1 ? 's' : '';
}
