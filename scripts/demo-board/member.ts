/** What a demo member is: the layout's vocabularies and the shape of a roster entry. */
import type { IsoDate } from '../../schema/dates';
import type {
  CONSTITUENCIES,
  MEMBER_CATEGORIES,
  MEMBER_ROLES,
  PREFERRED_FORMATS,
} from '../../schema/layout';

// ---------------------------------------------------------------------------------------------
// Members

type Role = (typeof MEMBER_ROLES)[number];
type Category = (typeof MEMBER_CATEGORIES)[number];
type Constituency = (typeof CONSTITUENCIES)[number];
type Format = (typeof PREFERRED_FORMATS)[number];

export const SERVICE_AREAS = [
  'Learning disabilities',
  'Mental health',
  'Older people',
  'Dementia',
  'Physical disabilities',
  'Carers',
] as const;
type Area = (typeof SERVICE_AREAS)[number] | 'All';

export interface DemoMember {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly category: Category;
  readonly constituency: Constituency;
  readonly organisation?: string;
  readonly group?: string;
  readonly serviceAreas: readonly Area[];
  readonly phone: string;
  readonly preferredFormat: Format;
  /** How the member needs information (the Accessible Information Standard's record, R18). */
  readonly communicationNeeds?: string;
  readonly termStart: IsoDate;
  readonly termEnd?: IsoDate;
  readonly extendedTo?: IsoDate;
  readonly status: 'Active' | 'Former';
  readonly nameInCirculation: boolean;
  /** Weekly action reminders; left blank (Yes) unless the member said No. */
  readonly reminders?: boolean;
  readonly notes?: string;
}

/** The self-advocacy group with two active representatives (deliberate R5 error). */
export const SHARED_GROUP = 'Northside Speak Up';
