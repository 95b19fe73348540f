/**
 * The deploy/ manifests, read as the cluster would: each YAML parses, and the names that tie them
 * together (labels, secret, config map, ports, paths, the console proxy alias) agree with each other,
 * with the Dockerfile and with the plugin's code.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { parseConfig } from '../server/src/config';
import { defaultQuickFilters } from '../web/src/model/quick-filters';
import { readDockerfile, readExecForm } from './dockerfile-reader';

const dir = __dirname;
const root = path.resolve(dir, '..');

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are free-form YAML, checked field by field below */
type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string>; [key: string]: any };

const yamlFiles = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const manifests: Manifest[] = yamlFiles.flatMap((f) =>
  YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${f}: ${doc.errors[0].message}`);
    return doc.toJS() as Manifest;
  }),
);

function find(kind: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} in deploy/, found ${found.length}`);
  return found[0];
}

const kustomization = find('Kustomization');
const deployment = find('Deployment');
const service = find('Service');
const configMap = find('ConfigMap');
const serviceAccount = find('ServiceAccount');
const consolePlugin = find('ConsolePlugin');
const podSpec = deployment.spec.template.spec;
const container = podSpec.containers[0];
const volume = (name: string) => podSpec.volumes.find((v: any) => v.name === name);
const mount = (name: string) => container.volumeMounts.find((m: any) => m.name === name);

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { consolePlugin: { name: string } };
const runtime = readDockerfile(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'))[1];
const dockerCmd = readExecForm(runtime.instructions.find((i) => i.keyword === 'CMD')!.args);
const dockerWorkdir = runtime.instructions.find((i) => i.keyword === 'WORKDIR')!.args;

const configPath = container.command[container.command.indexOf('--config') + 1] as string;
const configKey = path.posix.basename(configPath);
const config = parseConfig(YAML.parse(configMap.data![configKey]), path.posix.dirname(configPath));

describe('deploy manifests', () => {
  it('are all listed in kustomization.yaml, namespace-agnostic, and none is left out', () => {
    expect([...kustomization.resources].sort()).toEqual(yamlFiles.filter((f) => f !== 'kustomization.yaml'));
    expect(manifests.filter((m) => m.kind !== 'Kustomization' && m.metadata.namespace)).toEqual([]);
  });

  it('select the Deployment pods with the Service, by labels the pod template carries', () => {
    expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
  });

  it('serve HTTPS on 9001 from the container port the Service targets', () => {
    const port = container.ports.find((p: any) => p.name === service.spec.ports[0].targetPort);
    expect(port.containerPort).toBe(9001);
    expect(service.spec.ports[0].port).toBe(9001);
    expect(config.server.port).toBe(port.containerPort);
    expect(runtime.instructions.find((i) => i.keyword === 'EXPOSE')?.args).toBe(String(port.containerPort));
  });

  it("mount the service CA's serving certificate where the backend config reads it", () => {
    const secretName = service.metadata.annotations?.['service.beta.openshift.io/serving-cert-secret-name'];
    expect(secretName).toBeDefined();
    const certVolume = podSpec.volumes.find((v: any) => v.secret?.secretName === secretName);
    expect(certVolume).toBeDefined();
    const certDir = mount(certVolume.name).mountPath;
    expect(config.server.tls).toEqual({ certFile: `${certDir}/tls.crt`, keyFile: `${certDir}/tls.key` });
  });

  it("mount the ConfigMap where the image's command reads its config", () => {
    expect(volume('config').configMap.name).toBe(configMap.metadata.name);
    expect(mount('config').mountPath).toBe(path.posix.dirname(configPath));
    expect(container.command).toEqual(dockerCmd);
    expect(Object.keys(configMap.data!)).toEqual([configKey]);
  });

  it('configure the backend validly: LokiStack tenant network, Thanos querier, user token forwarded, service CA, assets of the image', () => {
    expect(config.loki).toMatchObject({
      tenantId: 'network',
      forwardUserToken: true,
      caFile: '/var/run/secrets/kubernetes.io/serviceaccount/service-ca.crt',
    });
    expect(config.loki.url).toMatch(/^https:\/\/[a-z0-9-]+-gateway-http\.[a-z0-9-]+\.svc:8080$/);
    expect(config.loki.timeoutSeconds).toBeLessThan(30);
    expect(config.prometheus).toMatchObject({ forwardUserToken: true, caFile: config.loki.caFile });
    expect(config.prometheus?.url).toMatch(/^https:\/\/thanos-querier\.openshift-monitoring\.svc:9091$/);
    expect(config.assetsDir).toBe(path.posix.join(dockerWorkdir, 'dist/web'));
    // The service CA file comes with the service account token volume.
    expect(podSpec.automountServiceAccountToken).toBe(true);
  });

  it('show the quick filters a cluster starts from (the defaults, written out so an admin can edit them)', () => {
    const written = YAML.parse(configMap.data![configKey]).quickFilters;
    expect(written).toEqual(defaultQuickFilters);
    expect(config.quickFilters).toEqual(defaultQuickFilters);
  });

  it('run the backend as its service account, non-root, read-only, without privileges, with probes and resources', () => {
    expect(podSpec.serviceAccountName).toBe(serviceAccount.metadata.name);
    expect(podSpec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    for (const probe of [container.livenessProbe, container.readinessProbe]) {
      expect(probe.httpGet).toEqual({ path: '/healthz', port: 'https', scheme: 'HTTPS' });
    }
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits.memory).toBeDefined();
  });

  it('use the IMAGE placeholder that kustomization.yaml replaces', () => {
    expect(container.image).toBe('IMAGE');
    expect(kustomization.images.map((i: any) => i.name)).toEqual(['IMAGE']);
  });

  it('register the plugin with the console: its name, its Service and the proxy the page calls', () => {
    expect(consolePlugin.apiVersion).toBe('console.openshift.io/v1');
    expect(consolePlugin.metadata.name).toBe(pkg.consolePlugin.name);
    expect(consolePlugin.spec.i18n).toEqual({ loadType: 'Preload' });
    const target = { name: service.metadata.name, namespace: kustomization.namespace, port: service.spec.ports[0].port };
    expect(consolePlugin.spec.backend).toEqual({ type: 'Service', service: { ...target, basePath: '/' } });
    expect(consolePlugin.spec.proxy).toEqual([{ alias: 'backend', authorization: 'UserToken', endpoint: { type: 'Service', service: target } }]);
    // The page's API base (web/src/console) goes through that proxy alias.
    const consoleServices = fs.readFileSync(path.join(root, 'web/src/console/console-services.tsx'), 'utf8');
    const base = /consoleBackendBase = '([^']+)'/.exec(consoleServices)?.[1];
    expect(base).toBe(`/api/proxy/plugin/${consolePlugin.metadata.name}/${consolePlugin.spec.proxy[0].alias}`);
  });

  it('hold the only ConsolePlugin definition of the repository', () => {
    const skip = new Set(['node_modules', 'dist', '.git', 'test-results', '.tmp']);
    const yamls = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
        if (skip.has(e.name)) return [];
        const p = path.join(d, e.name);
        return e.isDirectory() ? yamls(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
      });
    const definitions = yamls(root).filter((f) => /^kind:\s*ConsolePlugin\s*$/m.test(fs.readFileSync(f, 'utf8')));
    expect(definitions.map((f) => path.relative(root, f))).toEqual(['deploy/consoleplugin.yaml']);
  });
});
