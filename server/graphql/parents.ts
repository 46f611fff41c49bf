import type { DataIssue } from '../../schema/issues';
import type { Finding } from '../../schema/rules';

/** `Query.board` returns this marker; every Board field reads the context's snapshot. */
export type BoardParent = Record<string, never>;

/** A finding with the cell it points at, when there is one. */
export type FindingParent = Finding & {
  readonly location: Pick<DataIssue, 'sheet' | 'cell'> | null;
};
