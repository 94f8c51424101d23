// Certificates made at test time with openssl (P-256 keys, valid one day): a certificate authority,
// a server certificate it signed (for the given DNS names and IPs) and a client certificate it
// signed, all PEM. For tests of TLS to an API server (through proxies, with client certificates).
//   const pki = makeTestPki({ dns: ['kube.example.test'], ips: ['127.0.0.1'] });
//   https.createServer({ key: pki.serverKey, cert: pki.serverCert, ca: pki.ca, requestCert: true }, …)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tempFolder } from './tempFolder';

export interface TestPki {
  readonly ca: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function makeTestPki(names: { dns?: readonly string[]; ips?: readonly string[] } = {}): TestPki {
  const folder = tempFolder('spinkube-pki');
  try {
    const cwd = folder.path;
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(
      cwd,
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '1',
      '-subj',
      '/CN=Test CA',
    );
    const sign = (name: string, subject: string, extensions: string): void => {
      openssl(cwd, 'req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
      writeFileSync(folder.file(`${name}.ext`), extensions);
      openssl(
        cwd,
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.crt`,
        '-days',
        '1',
        '-extfile',
        `${name}.ext`,
      );
    };
    const altNames = [
      ...(names.dns ?? []).map((d) => `DNS:${d}`),
      ...(names.ips ?? []).map((i) => `IP:${i}`),
    ];
    sign(
      'server',
      '/CN=kube-apiserver',
      `subjectAltName=${altNames.join(',')}\nextendedKeyUsage=serverAuth\n`,
    );
    sign('client', '/CN=alice/O=developers', 'extendedKeyUsage=clientAuth\n');
    const read = (name: string): string => readFileSync(folder.file(name), 'utf8');
    return {
      ca: read('ca.crt'),
      serverCert: read('server.crt'),
      serverKey: read('server.key'),
      clientCert: read('client.crt'),
      clientKey: read('client.key'),
    };
  } finally {
    folder.remove();
  }
}
