/**
 * How the API's enum names read on a page: as the sheet's own values ("IN_PROGRESS" is "In
 * progress"), from the one table behind both (`schema/graphql/enums.ts`).
 */
import { enumValueMap, GRAPHQL_ENUMS, type GraphqlEnumName } from '../../schema/graphql/enums';
import { NOT_SHOWN } from '../../schema/packs/standard-wording';

const maps = new Map<GraphqlEnumName, Record<string, string>>();

/** The sheet value for an API enum name ("PRE_INITIATION" -> "Pre-initiation"). */
export function sheetValue(type: GraphqlEnumName, name: string): string {
  let map = maps.get(type);
  if (!map) {
    map = enumValueMap(GRAPHQL_ENUMS[type]);
    maps.set(type, map);
  }
  return map[name] ?? name;
}

/** A figure for a table cell, "not shown" for a withheld one (DESIGN §4). */
export function figureText(value: number | null): string {
  return value === null ? NOT_SHOWN : String(value);
}

/** A table cell for a figure, marked with what it is so a test can read it back. */
export function figureCell(value: number | null, figure: string): string {
  return value === null
    ? `<td class="number not-shown" data-figure="${figure}">${NOT_SHOWN}</td>`
    : `<td class="number" data-figure="${figure}">${value}</td>`;
}
