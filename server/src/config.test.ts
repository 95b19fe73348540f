import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultLokiLabels } from '../../web/src/model/fields';
import { defaultQuickFilters } from '../../web/src/model/quick-filters';
import { ConfigError, loadConfig, parseConfig, repoRoot } from './config';

const root = repoRoot();
const minimal = { loki: { url: 'http://127.0.0.1:3100' } };

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('fills the defaults', () => {
    const c = parseConfig(minimal, '/etc/netobserv');
    expect(c.server).toEqual({ host: '0.0.0.0', port: 9001, maxConcurrentQueries: 8, maxQueuedQueries: 100, maxExportRows: 100_000 });
    expect(c.assetsDir).toBe(path.join(root, 'dist/web'));
    expect(c.loki).toMatchObject({ forwardUserToken: true, timeoutSeconds: 25, insecureSkipVerify: false, maxLimit: 5000, maxRangeDays: 30 });
    expect(c.loki.labels).toEqual([...defaultLokiLabels]);
    expect(c.quickFilters).toEqual(defaultQuickFilters);
  });

  it('takes the quick filters of the file, an empty list included', () => {
    const own = [{ name: 'HTTPS', filter: 'DstPort=https' }, { name: 'iperf both ways', filter: 'K8S_Namespace="iperf"' }];
    expect(parseConfig({ ...minimal, quickFilters: own }, '/').quickFilters).toEqual(own);
    expect(parseConfig({ ...minimal, quickFilters: [] }, '/').quickFilters).toEqual([]);
    const withDefault = [{ name: 'Apps', filter: 'K8S_FlowLayer=app', default: true }];
    expect(parseConfig({ ...minimal, quickFilters: withDefault }, '/').quickFilters).toEqual(withDefault);
  });

  it('resolves file paths against the config folder', () => {
    const c = parseConfig({ assetsDir: 'web', server: { tls: { certFile: 'tls.crt', keyFile: '/abs/tls.key' } }, loki: { ...minimal.loki, caFile: 'ca.pem', tokenFile: 'token' } }, '/etc/nt');
    expect(c.assetsDir).toBe('/etc/nt/web');
    expect(c.server.tls).toEqual({ certFile: '/etc/nt/tls.crt', keyFile: '/abs/tls.key' });
    expect(c.loki.caFile).toBe('/etc/nt/ca.pem');
    expect(c.loki.tokenFile).toBe('/etc/nt/token');
  });

  it.each([
    [{ loki: { url: 'not a url' } }, 'config error: loki.url: Invalid URL'],
    [{ loki: { url: 'ftp://x' } }, 'loki.url: Invalid URL'],
    [{}, 'loki: '],
    [{ loki: { ...minimal.loki, timeoutSeconds: 30 } }, "loki.timeoutSeconds: must stay below the console proxy's 30 s"],
    [{ loki: { ...minimal.loki, maxLimit: 6000 } }, 'loki.maxLimit: must not exceed'],
    [{ loki: { ...minimal.loki, labels: ['ok', 'bad-label'] } }, 'loki.labels.1: is not a valid Loki label name'],
    [{ loki: { ...minimal.loki, tenantId: 'a/b' } }, 'loki.tenantId: must be a plain tenant name'],
    [{ loki: { ...minimal.loki, forwardUserToken: 'yes' } }, 'loki.forwardUserToken:'],
    [{ ...minimal, server: { port: 70000 } }, 'server.port:'],
    [{ ...minimal, server: { tls: { certFile: 'x' } } }, 'server.tls.keyFile:'],
    [{ ...minimal, extra: 1 }, 'Unrecognized key: "extra"'],
    [{ ...minimal, quickFilters: [{ name: 'Typo', filter: 'SrcK8S_Namespce=a' }] }, 'quickFilters.0.filter: quick filter "Typo": unknown filter field "SrcK8S_Namespce"'],
    [{ ...minimal, quickFilters: [{ name: 'Port', filter: 'DstPort=70000' }] }, 'quickFilters.0.filter: quick filter "Port": DstPort: "70000" is not a port'],
    [{ ...minimal, quickFilters: [{ name: 'Cut', filter: 'SrcK8S_Namespace' }] }, 'quickFilters.0.filter: quick filter "Cut": filters: expected an operator'],
    [{ ...minimal, quickFilters: [{ name: 'Blank', filter: '  ' }] }, 'quickFilters.0.filter: quick filter "Blank" has no filter'],
    [{ ...minimal, quickFilters: [{ name: '', filter: 'DstPort=443' }] }, 'quickFilters.0.name: must not be empty'],
    [{ ...minimal, quickFilters: [{ name: 'A', filter: 'DstPort=443' }, { name: 'A', filter: 'DstPort=80' }] }, 'quickFilters.1.name: "A" is given twice'],
    [{ ...minimal, quickFilters: [{ name: 'A', filter: 'DstPort=443', applied: true }] }, 'quickFilters.0: Unrecognized key: "applied"'],
    [{ ...minimal, quickFilters: [{ name: 'A', filter: 'DstPort=443', default: 'yes' }] }, 'quickFilters.0.default:'],
    [{ ...minimal, quickFilters: 'K8S_FlowLayer=app' }, 'quickFilters:'],
    [['a list'], 'the file must hold a YAML mapping'],
  ])('refuses %j naming the key', (doc, message) => {
    expect(errorOf(() => parseConfig(doc, '/'))).toContain(message);
  });

  it('applies the environment overrides', () => {
    const c = parseConfig(minimal, '/', { NETOBSERV_LOKI_URL: 'https://loki.example:3100', NETOBSERV_PORT: '9443', NETOBSERV_HOST: '::' });
    expect(c.loki.url).toBe('https://loki.example:3100');
    expect(c.server).toMatchObject({ port: 9443, host: '::' });
    expect(errorOf(() => parseConfig(minimal, '/', { NETOBSERV_PORT: 'abc' }))).toContain('NETOBSERV_PORT');
    expect(errorOf(() => parseConfig(minimal, '/', { NETOBSERV_LOKI_URL: 'nope' }))).toContain('loki.url: Invalid URL');
  });
});

describe('loadConfig', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nt-config-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads the shipped examples', () => {
    const dev = loadConfig(path.join(root, 'config/dev.yaml'), {});
    expect(dev.server).toMatchObject({ host: '127.0.0.1', port: 9001 });
    expect(dev.loki.url).toBe('http://127.0.0.1:3100');
    expect(dev.prometheus?.url).toBe('http://127.0.0.1:9090');
    const stack = loadConfig(path.join(root, 'config/lokistack-example.yaml'), {});
    expect(stack.loki.tenantId).toBe('network');
    expect(stack.server.tls).toBeDefined();
    // The examples show the quick filters, as the defaults a cluster starts from.
    expect(dev.quickFilters).toEqual(defaultQuickFilters);
    expect(stack.quickFilters).toEqual(defaultQuickFilters);
  });

  it('says when the file is missing or not YAML', () => {
    expect(errorOf(() => loadConfig(path.join(dir, 'missing.yaml'), {}))).toContain('ENOENT');
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'loki: [unclosed');
    expect(errorOf(() => loadConfig(bad, {}))).toContain('is not valid YAML');
  });
});
