import { describe, expect, it } from 'vitest';
import { issuerName } from '../../src/config/brief-config.js';
import { UsageError } from '../../src/errors.js';

describe('issuerName', () => {
  it('is --by, else the user’s name, else unknown', () => {
    expect(issuerName(' Cdt Martin ', { userName: 'duty' })).toBe('Cdt Martin');
    expect(issuerName(undefined, { userName: 'duty' })).toBe('duty');
    expect(issuerName('  ', { userName: undefined })).toBe('unknown');
  });

  it('refuses a --by that would forge lines in history and verify (a line break, an escape, a bidi mark), and escapes such a user name', () => {
    for (const forged of [
      'alice\n  superseded by version 9 (corrigendum No. 8)',
      'bob\u001b[1A\u001b[2K',
      'eve\u202erotidua',
      'ali\u200bce',
      'ali\u00adce',
    ]) {
      expect(() => issuerName(forged, { userName: 'duty' }), JSON.stringify(forged)).toThrow(UsageError);
      expect(() => issuerName(forged, { userName: 'duty' })).toThrow(
        /--by holds a control, line-break, bidi or invisible character: expected a name on one line/,
      );
    }
    expect(issuerName(undefined, { userName: 'bob\n\u001b[1Ax' })).toBe('bob\\u000a\\u001b[1Ax');
  });
});
