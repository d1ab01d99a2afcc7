// The send log read back: the last word on each briefing and address, a sending written ahead
// and never followed by its outcome read as uncertain, a failure as not sent.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEND_LOG_NAME, SendLog } from '../../src/deliver/send-log.js';

const KEY = { event: 'ev', division: 'securite', date: '2024-08-05', audience: 'national', lang: 'both' };
const line = (address: string, status: string | undefined, at = '2024-08-05T09:31:00.000Z') =>
  JSON.stringify({ ...KEY, address, at, messageId: '<m@x>', file: 'a.pdf', ...(status && { status }) });

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function logOf(...lines: string[]): Promise<SendLog> {
  dir = await mkdtemp(join(tmpdir(), 'cci-send-log-'));
  await writeFile(join(dir, SEND_LOG_NAME), lines.map((l) => `${l}\n`).join(''));
  return SendLog.open(dir);
}

describe('the send log', () => {
  it('reads a sending never followed by its outcome as uncertain: the run stopped while the message was on its way', async () => {
    const log = await logOf(line('a@x', 'sending'), line('b@x', 'sending'), line('b@x', undefined));
    expect(log.find(KEY, 'a@x')).toMatchObject({ status: 'uncertain', interrupted: true });
    expect(log.find(KEY, 'b@x')?.status).toBeUndefined();
    expect(log.byMessageId('<m@x>').map((e) => [e.address, e.status])).toEqual([
      ['a@x', 'uncertain'],
      ['b@x', undefined],
    ]);
    expect([...log.files()]).toEqual(['a.pdf']);
  });

  it('takes no line whose time is not an instant or whose address, file or Message-ID holds a line break or an escape (forged into messages)', async () => {
    const forged = (o: Record<string, string>) =>
      JSON.stringify({
        ...KEY,
        address: 'a@x',
        at: '2024-08-05T09:31:00.000Z',
        messageId: '<m@x>',
        file: 'a.pdf',
        ...o,
      });
    const log = await logOf(
      forged({ at: 'soon\ncci brief securite partners: exit 0\n\u001b[2J', status: 'uncertain' }),
      forged({ at: '2024-02-31T09:31:00Z' }),
      forged({ address: 'b@x\nexit 0' }),
      forged({ address: 'c@x', file: 'a.pdf\u001b[2J' }),
      forged({ address: 'd@x', messageId: '<m@x>\r\nBcc: e@x' }),
      forged({ address: 'f@x', at: '2024-08-05T11:31:00+02:00' }),
    );
    expect(log.find(KEY, 'a@x')).toBeUndefined();
    expect(log.find(KEY, 'b@x\nexit 0')).toBeUndefined();
    expect(log.find(KEY, 'c@x')).toBeUndefined();
    expect(log.find(KEY, 'd@x')).toBeUndefined();
    expect(log.find(KEY, 'f@x')?.at).toBe('2024-08-05T11:31:00+02:00');
  });

  it('reads a failure as not sent, and a status it does not know as uncertain, never as not sent', async () => {
    const log = await logOf(line('a@x', 'sending'), line('a@x', 'failed'), line('c@x', 'queued-elsewhere'));
    expect(log.find(KEY, 'a@x')).toBeUndefined();
    expect(log.find(KEY, 'c@x')?.status).toBe('uncertain');
  });

  it('ends with a failure only the sending it follows: the address stays as it was before (a --resend that could not connect)', async () => {
    const log = await logOf(
      line('u@x', 'sending'),
      line('u@x', 'uncertain'),
      line('u@x', 'sending'),
      line('u@x', 'failed'),
      line('s@x', 'sending'),
      line('s@x', undefined),
      line('s@x', 'sending'),
      line('s@x', 'failed'),
    );
    expect(log.find(KEY, 'u@x')).toMatchObject({ status: 'uncertain' });
    expect(log.find(KEY, 'u@x')?.interrupted).toBeUndefined();
    expect(log.find(KEY, 's@x')?.status).toBeUndefined();
    expect(log.find(KEY, 's@x')?.address).toBe('s@x');
    expect([...log.files()]).toEqual(['a.pdf']);
  });

  it('takes the last word of what it appends itself', async () => {
    const log = await logOf();
    const base = { ...KEY, at: '2024-08-05T09:31:00.000Z', messageId: '<m@x>', file: 'a.pdf' };
    await log.append([{ ...base, address: 'a@x', status: 'sending' }]);
    expect(log.find(KEY, 'a@x')?.status).toBe('uncertain');
    await log.append([{ ...base, address: 'a@x', status: 'failed' }]);
    expect(log.find(KEY, 'a@x')).toBeUndefined();
    await log.append([{ ...base, address: 'a@x' }]);
    expect(log.find(KEY, 'a@x')).toMatchObject({ address: 'a@x' });
    expect((await SendLog.open(dir!)).find(KEY, 'a@x')?.status).toBeUndefined();
  });
});
