// Certificates for TLS tests, made with openssl at run time (nothing secret is committed): a test
// authority and a server certificate it signed for mail.example.org and 127.0.0.1, and a
// self-signed certificate for the same names.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCerts {
  /** The test authority's certificate (PEM), to trust. */
  ca: string;
  /** Signed by the test authority, valid for mail.example.org and 127.0.0.1. */
  signed: { key: string; cert: string };
  /** Signed by itself, for the same names. */
  selfSigned: { key: string; cert: string };
}

let cached: TestCerts | undefined;

export function testCerts(): TestCerts {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'cci-certs-'));
  const f = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  try {
    writeFileSync(
      f('san.ext'),
      'subjectAltName=DNS:mail.example.org,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
    );
    ssl(
      'req',
      '-x509',
      ...key,
      '-subj',
      '/CN=cci test authority',
      '-days',
      '3650',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
      '-keyout',
      f('ca.key'),
      '-out',
      f('ca.crt'),
    );
    ssl('req', ...key, '-subj', '/CN=mail.example.org', '-keyout', f('server.key'), '-out', f('server.csr'));
    ssl(
      'x509',
      '-req',
      '-in',
      f('server.csr'),
      '-CA',
      f('ca.crt'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-days',
      '3650',
      '-extfile',
      f('san.ext'),
      '-out',
      f('server.crt'),
    );
    ssl(
      'req',
      '-x509',
      ...key,
      '-subj',
      '/CN=mail.example.org',
      '-days',
      '3650',
      '-addext',
      'subjectAltName=DNS:mail.example.org,IP:127.0.0.1',
      '-keyout',
      f('self.key'),
      '-out',
      f('self.crt'),
    );
    const read = (name: string) => readFileSync(f(name), 'utf8');
    cached = {
      ca: read('ca.crt'),
      signed: { key: read('server.key'), cert: read('server.crt') },
      selfSigned: { key: read('self.key'), cert: read('self.crt') },
    };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
