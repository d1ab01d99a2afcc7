// Masking credentials in any text that may be printed: a message of cci, an error of nodemailer
// or of Node (which may quote a URL), a server's reply (which may echo an AUTH exchange).
// Every known secret string becomes `***`, and so does the user-info of any URL in the text.

/** A function that masks the given secrets, and every URL's user-info, in a text. */
export type Redact = (text: string) => string;

export function redactor(secrets: readonly string[]): Redact {
  const list = [...new Set(secrets)].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const s of list) out = out.split(s).join('***');
    return maskUserInfo(out);
  };
}

/**
 * `smtp://cci:Pa@ssw0rd#2026@host:25` → `smtp://***@host:25`: from `scheme://` to the last `@`
 * before the next blank, whatever lies between (an unencoded password may hold `@ # / :`).
 */
export function maskUserInfo(text: string): string {
  return text.replace(/\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s"'<>]*@/g, '$1***@');
}
