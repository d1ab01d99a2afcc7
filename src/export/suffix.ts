// The file name suffixes of the exchange formats, apart from their writers (stix.ts,
// figures-csv.ts), which load only when a run writes one of them.

/** File name suffixes of the exchange formats, after the document's base name. */
export const EXPORT_SUFFIX = { stix: '.stix.json', csv: '.csv' } as const;
