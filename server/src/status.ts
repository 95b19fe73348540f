/**
 * `GET /api/status`: what an administrator checks first. The backend's version, whether Loki and
 * Prometheus answer with the caller's credentials, and configuration choices that are likely mistakes,
 * each with the fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Config, repoRoot } from './config';
import { CallerAuth, UpstreamError, withoutToken } from './upstream';

export interface UpstreamStatus {
  url: string;
  ready: boolean;
  /** Why it is not ready. */
  error?: string;
}

export interface ConfigProblem {
  key: string;
  problem: string;
  fix: string;
}

export interface StatusResponse {
  version: string;
  loki: UpstreamStatus;
  /** Absent when no Prometheus is configured. */
  prometheus?: UpstreamStatus;
  problems: ConfigProblem[];
}

export function backendVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Configuration that validates but is probably not what was meant. */
export function configProblems(config: Config): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const upstreams = [['loki', config.loki], ...(config.prometheus ? [['prometheus', config.prometheus] as const] : [])] as const;
  for (const [key, c] of upstreams) {
    if (c.insecureSkipVerify) {
      problems.push({ key: `${key}.insecureSkipVerify`, problem: 'the TLS certificate is not verified', fix: `set ${key}.caFile to the CA that signed it (e.g. the service CA) and remove insecureSkipVerify` });
    }
    if (!c.forwardUserToken && !c.tokenFile) {
      problems.push({ key: `${key}.forwardUserToken`, problem: 'no credentials are sent', fix: `set ${key}.forwardUserToken: true (the console forwards the user's token) or ${key}.tokenFile` });
    }
    if (c.url.startsWith('http://') && (c.caFile || c.certFile)) {
      problems.push({ key: `${key}.url`, problem: 'TLS files are configured but the URL is plain http://', fix: `use an https:// URL for ${key}.url` });
    }
  }
  if (config.loki.tenantId && config.loki.orgId) {
    problems.push({ key: 'loki.orgId', problem: 'both tenantId (LokiStack gateway) and orgId (X-Scope-OrgID) are set', fix: 'keep tenantId for the LokiStack gateway, orgId for a multi-tenant Loki without gateway' });
  }
  if (!config.prometheus) {
    problems.push({ key: 'prometheus', problem: 'no Prometheus is configured: every metric comes from Loki, which is slower', fix: 'set prometheus.url (e.g. https://thanos-querier.openshift-monitoring.svc:9091)' });
  }
  return problems;
}

export async function probe(url: string, check: () => Promise<void>): Promise<UpstreamStatus> {
  const origin = new URL(url).origin;
  try {
    await check();
    return { url: origin, ready: true };
  } catch (e) {
    return { url: origin, ready: false, error: e instanceof UpstreamError ? e.message : 'unexpected error; see the backend log' };
  }
}

export async function backendStatus(
  config: Config,
  auth: CallerAuth,
  checks: { loki: (auth: CallerAuth) => Promise<void>; prometheus?: (auth: CallerAuth) => Promise<void> },
): Promise<StatusResponse> {
  const [loki, prometheus] = await Promise.all([
    probe(config.loki.url, () => checks.loki(auth)),
    config.prometheus && checks.prometheus ? probe(config.prometheus.url, () => checks.prometheus!(auth)) : Promise.resolve(undefined),
  ]);
  const hidden = (s: UpstreamStatus): UpstreamStatus => (s.error ? { ...s, error: withoutToken(s.error, auth) } : s);
  return { version: backendVersion(), loki: hidden(loki), ...(prometheus ? { prometheus: hidden(prometheus) } : {}), problems: configProblems(config) };
}
