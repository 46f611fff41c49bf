/** What a rule of the terms of reference says about the board. */
export type RuleId =
  | 'R1'
  | 'R2'
  | 'R3'
  | 'R4'
  | 'R5'
  | 'R6'
  | 'R7'
  | 'R8'
  | 'R9'
  | 'R10'
  | 'R11'
  | 'R12'
  | 'R13'
  | 'R14'
  | 'R15';

export interface Finding {
  readonly rule: RuleId;
  /** `error`: the rule is broken. `warning`: it soon will be, or needs a look. `info`: figures. */
  readonly severity: 'error' | 'warning' | 'info';
  /** Plain language for officers and co-chairs; names people by name, dates in words. */
  readonly message: string;
  readonly memberIds?: readonly string[];
  readonly actionIds?: readonly string[];
  readonly meetingId?: string;
}
