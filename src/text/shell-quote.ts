// A word for /bin/sh, for a command line cci prints for a person to paste or for cron to run.

/** Quotes a word for /bin/sh when it holds anything beyond plain path characters (POSIX single quotes). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:=@+,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
