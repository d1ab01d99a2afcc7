// The kinds of record files of a day folder (SPEC §1), in SPEC order.

export const RECORD_KINDS = ['incidents', 'deployments', 'assessments', 'agenda'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
