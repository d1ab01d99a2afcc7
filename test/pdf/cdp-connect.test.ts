import { describe, expect, it } from 'vitest';
import { cdpConnector } from '../../src/pdf/cdp-connect.js';

describe('cdpConnector', () => {
  it("uses puppeteer-core's CDP connector alone, not the whole library (an upgrade that moves it fails here)", async () => {
    expect((await cdpConnector()).kind).toBe('cdp');
  });
});
