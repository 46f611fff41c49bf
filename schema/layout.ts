/**
 * The board workbook's layout (DESIGN §2) as data, derived from the tab definitions in
 * `tabs.ts`: what both the Apps Script "Set up board sheets" and the server's parser read.
 * Tab names, headers and enumerated values are fixed by the design contract; change them there
 * first, then in `values.ts` or `tabs.ts`.
 */
import type { BoardTab, TabSpec } from './columns';
import { BOARD_TABS } from './tabs';
import type { TabName } from './values';

export type { CellKind, ColumnSpec, TabSpec } from './columns';
export * from './tabs';
export * from './values';

/** Every tab in the order "Set up board sheets" creates them. */
export const BOARD_LAYOUT: readonly BoardTab[] = BOARD_TABS;

export function tabSpec(name: TabName): BoardTab {
  const spec = BOARD_LAYOUT.find((tab) => tab.name === name);
  if (!spec) throw new Error(`No layout for tab ${name}`);
  return spec;
}

/** The header of a tab's ID column ("Member ID"), for messages about references to it. */
export function idHeader(spec: TabSpec): string {
  return spec.columns.find((column) => column.key === spec.idKey)?.header ?? `${spec.name} ID`;
}
