import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { env } from '@/lib/env';
import { ModelError } from './model-errors';
import type { ProviderConfig } from './provider-config';

/** What the deployment's root certificate file holds, as Settings shows it; the PEM stays on the server. */
export type DeploymentCaStatus =
  | { path: string; subject: string; validTo: string }
  | { path: string; problem: 'missing' | 'unreadable' | 'not_a_certificate' | 'expired' };

type DeploymentCa = { status: DeploymentCaStatus; pem?: string };

/**
 * The root certificate the deployment supplies for GigaChat's hosts (GIGACHAT_CA_FILE; docs/copilot.md, "Models"). Read on each use, so a replaced file counts without a restart.
 */
export function readDeploymentCa(file: string | null | undefined = env().GIGACHAT_CA_FILE): DeploymentCa | null {
  if (!file) return null;
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    return {
      status: { path: file, problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' },
    };
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return { status: { path: file, problem: 'not_a_certificate' } };
  }
  const validTo = new Date(certificate.validTo);
  if (validTo.getTime() < Date.now()) return { status: { path: file, problem: 'expired' } };
  return {
    status: { path: file, subject: certificate.subject.replaceAll('\n', ', '), validTo: validTo.toISOString() },
    pem,
  };
}

/** The root certificate GigaChat's TLS connections trust: the one pasted in Settings, else the deployment's file, else Node's own. */
export function gigaChatRootCertificate(
  config: Extract<ProviderConfig, { kind: 'gigachat' }>,
  file?: string | null,
): string | undefined {
  if (config.caPem) return config.caPem;
  const supplied = readDeploymentCa(file);
  if (supplied && !supplied.pem) {
    throw new ModelError(
      'provider_error',
      `The root certificate in GIGACHAT_CA_FILE (${supplied.status.path}) cannot be used: ${'problem' in supplied.status ? supplied.status.problem : ''}.`,
      {
        reason: 'untrusted_certificate',
      },
    );
  }
  return supplied?.pem;
}
