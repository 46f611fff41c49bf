/**
 * The sheet's fixed words (DESIGN §2): tab names and the values of every dropdown column.
 * The tab definitions (`tabs.ts`), the GraphQL enums and the menus all read them from here;
 * change them in the design contract first.
 */

/**
 * The tabs the board's data is kept in: what the snapshot is built from, so what the server,
 * the check and the packs read. (The layout's full list, with the menu's own log, is
 * `BOARD_LAYOUT` in `layout.ts`.)
 */
export const TAB_NAMES = [
  'Members',
  'Meetings',
  'Attendance',
  'Actions',
  'Projects',
  'Tasks',
  'Circulation',
  'Involvement',
  'Feedback',
  'Settings',
] as const;
export type DataTabName = (typeof TAB_NAMES)[number];

/**
 * Tabs the menu keeps for itself (DESIGN §2: `Reminders sent` is "read by nobody else"). They
 * are in the layout, so "Set up board sheets" makes them and their columns are defined once,
 * but the snapshot does not read them: the rules, the API and "Check membership" never need
 * them, a board without one is not in error, and the server never asks the Sheets API for them.
 */
export const MENU_LOG_TAB_NAMES = ['Reminders sent'] as const;
export type MenuLogTabName = (typeof MENU_LOG_TAB_NAMES)[number];

/** Every tab of the layout. */
export type TabName = DataTabName | MenuLogTabName;

export const MEMBER_ROLES = ['Resident co-chair', 'Officer co-chair', 'Member'] as const;
export const CO_CHAIR_ROLES = ['Resident co-chair', 'Officer co-chair'] as const;

export const MEMBER_CATEGORIES = [
  'Resident co-chair',
  'Commissioning team',
  'Joint Partnership Board',
  'Disability Action Haringey',
  'Reference group',
  'Self-advocacy group',
  'Commissioner',
  'Social worker',
  'ICB',
  'Clinical staff',
  'Elected member',
  'Council department',
  'Self-representative',
  'Carer or advocate',
  'Provider',
] as const;

export const CONSTITUENCIES = ['Resident', 'Provider', 'Staff', 'Council', 'Other'] as const;
export const PREFERRED_FORMATS = [
  'Standard',
  'Large print',
  'Easy read',
  'Audio',
  'BSL',
  'Braille',
] as const;
export const MEMBER_STATUSES = ['Active', 'Former'] as const;

export const MEETING_FORMATS = ['In person', 'Online', 'Hybrid'] as const;
export const MEETING_STATUSES = ['Planned', 'Held', 'Cancelled'] as const;
export const ATTENDANCE_VALUES = ['Present', 'Apologies', 'Absent'] as const;
export const ACTION_STATUSES = ['Open', 'In progress', 'Done', 'Dropped'] as const;
/** Actions in these statuses no longer need following up (R12). */
export const CLOSED_ACTION_STATUSES = ['Done', 'Dropped'] as const;

export const COMMISSIONING_STAGES = [
  'Planning',
  'Purchasing',
  'Implementing',
  'Reviewing',
  'Decommissioning',
] as const;
export const PROJECT_PHASES = [
  'Pre-initiation',
  'Initiation',
  'During',
  'After completion',
  'Conclusion',
] as const;
export const CO_PRODUCTION_ACTIVITIES = [
  'Co-planning',
  'Co-design',
  'Co-delivery',
  'Co-evaluation',
] as const;
export const PROJECT_STATUSES = ['Active', 'Monitoring', 'Closed'] as const;
export const TASK_STATUSES = ['To do', 'Done', 'Not needed'] as const;
export const AUDIENCES = ['Borough Partnership', 'Senior Head', 'DMT'] as const;

/** What a member gave their time to (the Involvement tab, R16). */
export const INVOLVEMENT_ACTIVITIES = [
  'Board meeting',
  'Co-planning',
  'Co-design',
  'Co-delivery',
  'Co-evaluation',
  'Preparation',
  'Training',
  'Other',
] as const;
export const PAYMENT_STATUSES = ['Not claimed', 'Claimed', 'Paid', 'Declined'] as const;
/** "You said, we did" (the Feedback tab, R17). */
export const FEEDBACK_STATUSES = ['Open', 'Acted on', 'Not acted on'] as const;
/** Formats the product produces; the others are arranged by an officer (R18). */
export const PRODUCED_FORMATS = ['Standard', 'Large print', 'Easy read'] as const;
