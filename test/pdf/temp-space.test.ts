// A failed print on a full temporary disk names the disk (temp-space.ts).

import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { LOW_SPACE, lowTempSpaceNote } from '../../src/pdf/temp-space.js';

describe('lowTempSpaceNote', () => {
  it('names a full or nearly full temporary folder, with its free space and what to do', () => {
    expect(lowTempSpaceNote('/tmp/x', { statfs: () => ({ bavail: 3, bsize: 4096 }) })).toBe(
      'The disk of the temporary folder /tmp/x is full or nearly (12 KB free): free some space, or set TMPDIR to a folder on a disk with room.',
    );
  });

  it('says nothing when there is room, or when the folder cannot be looked at', () => {
    expect(lowTempSpaceNote('/tmp/x', { statfs: () => ({ bavail: LOW_SPACE / 4096, bsize: 4096 }) })).toBe('');
    expect(
      lowTempSpaceNote('/tmp/x', {
        statfs: () => {
          throw new Error('ENOENT');
        },
      }),
    ).toBe('');
    expect(lowTempSpaceNote(tmpdir())).toBe(''); // this machine's, which has room
  });

  it('names the folder the browser really used, and why, when TMPDIR was too long for it', () => {
    expect(
      lowTempSpaceNote('/tmp', {
        preferred: '/home/duty/a-long-temporary-folder',
        statfs: () => ({ bavail: 0, bsize: 4096 }),
      }),
    ).toBe(
      'The disk of the temporary folder /tmp is full or nearly (0 KB free); the browser works there because TMPDIR (/home/duty/a-long-temporary-folder) is longer than 24 characters, too long for its socket: free some space there, or set TMPDIR to a shorter folder on a disk with room.',
    );
  });
});
