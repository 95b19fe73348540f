/**
 * The Dockerfile cannot be built here (no Docker engine): these tests check what it promises against
 * the repository and the build output instead.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { Copy, Instruction, readCopy, readDockerfile, readExecForm, Stage } from './dockerfile-reader';

const root = path.resolve(__dirname, '..');
const stages = readDockerfile(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
const [build, runtime] = stages;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

const all = (stage: Stage, keyword: string): Instruction[] => stage.instructions.filter((i) => i.keyword === keyword);
const one = (stage: Stage, keyword: string): Instruction => {
  const found = all(stage, keyword);
  if (found.length !== 1) throw new Error(`expected one ${keyword} in stage ${stage.name ?? stage.from}, found ${found.length}`);
  return found[0];
};
const workdir = (stage: Stage) => one(stage, 'WORKDIR').args;
const copies = (stage: Stage): Copy[] => all(stage, 'COPY').map((i) => readCopy(i.args));

/** Where a COPY puts one of its sources: into the destination folder when there are several (or it ends in /). */
function copyTarget(c: Copy, source: string, stage: Stage): string {
  const dest = path.posix.resolve(workdir(stage), c.dest);
  return c.sources.length > 1 || c.dest.endsWith('/') ? path.posix.join(dest, path.posix.basename(source)) : dest;
}

/** Where a path of the runtime image comes from in the repository, after `npm run build`. */
function repoPathOf(imagePath: string): string | undefined {
  for (const c of copies(runtime)) {
    for (const source of c.sources) {
      const target = copyTarget(c, source, runtime);
      if (imagePath !== target && !imagePath.startsWith(`${target}/`)) continue;
      const rest = path.posix.relative(target, imagePath);
      if (c.from === undefined) return path.join(root, source, rest);
      if (c.from !== build.name) return undefined;
      // From the build stage: its paths under WORKDIR mirror the repository.
      return path.join(root, path.posix.relative(workdir(build), path.posix.resolve(workdir(build), source)), rest);
    }
  }
  return undefined;
}

const ignored = fs
  .readFileSync(path.join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

describe('Dockerfile', () => {
  it('builds with node 20 and runs on the slim image of the same Debian', () => {
    expect(stages).toHaveLength(2);
    expect(build.from).toBe('node:20-bookworm');
    expect(build.name).toBeDefined();
    expect(runtime.from).toBe('node:20-bookworm-slim');
    expect(all(build, 'RUN').map((r) => r.args)).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci\b/), 'npm run build']));
  });

  it('copies into the build only sources that exist and that .dockerignore lets through', () => {
    const sources = copies(build).flatMap((c) => c.sources);
    for (const s of sources) {
      expect(fs.existsSync(path.join(root, s))).toBe(true);
      expect(ignored.filter((i) => s === i || s.startsWith(`${i}/`))).toEqual([]);
    }
    // Everything both builds compile is there: the TypeScript inputs of the server build and the web sources.
    const serverInputs = (JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.server.json'), 'utf8')) as { include: string[] }).include;
    for (const input of [...serverInputs, 'web/src', 'locales', 'console-extensions.json', 'webpack.config.ts', 'package-lock.json']) {
      expect(sources.some((s) => input === s || input.startsWith(`${s}/`)) ? input : `${input} (not copied)`).toBe(input);
    }
  });

  it('keeps what the host installed or built out of the build context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', 'test-results']));
  });

  it('installs only production dependencies in the runtime image, and copies no node_modules', () => {
    expect(all(runtime, 'RUN').map((r) => r.args)).toEqual([expect.stringMatching(/^npm ci --omit=dev\b/)]);
    expect(copies(runtime).flatMap((c) => c.sources).filter((s) => s.includes('node_modules'))).toEqual([]);
  });

  it('runs as a numeric non-root user, set before the command', () => {
    const users = all(runtime, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0].args).toMatch(/^[1-9]\d*$/);
    expect(users[0].line).toBeLessThan(one(runtime, 'CMD').line);
  });

  it('exposes the port of the backend and checks its health', () => {
    expect(one(runtime, 'EXPOSE').args).toBe('9001');
    expect(one(runtime, 'HEALTHCHECK').args).toMatch(/\bCMD \["node", "-e", /);
  });

  const cmd = readExecForm(one(runtime, 'CMD').args);

  it('starts the backend with a config file of a fixed path', () => {
    expect(cmd[0]).toBe('node');
    expect(cmd.slice(2)).toEqual(['--config', '/etc/netobserv-plugin/config.yaml']);
  });

  const builtDir = path.join(root, 'dist');
  const whenBuilt = fs.existsSync(path.join(builtDir, 'server')) && fs.existsSync(path.join(builtDir, 'web')) ? describe : describe.skip;
  if (whenBuilt === describe.skip) console.warn('deploy/dockerfile.test.ts: dist/ is absent, run `npm run build` to check the image contents');

  whenBuilt('after npm run build', () => {
    it('has every runtime COPY source', () => {
      for (const c of copies(runtime)) {
        for (const s of c.sources) {
          const repoPath = repoPathOf(copyTarget(c, s, runtime));
          expect(repoPath && fs.existsSync(repoPath) ? s : `${s} (missing)`).toBe(s);
        }
      }
    });

    it('has the files the command names, the plugin manifest and the standalone page', () => {
      const inImage = (p: string) => repoPathOf(path.posix.resolve(workdir(runtime), p));
      const main = inImage(cmd[1]);
      expect(main).toBe(path.join(root, cmd[1]));
      expect(fs.existsSync(main as string)).toBe(true);
      // The default assets folder (dist/web next to package.json) is what the console loads.
      for (const asset of ['dist/web/plugin-manifest.json', 'dist/web/index.html', 'dist/web/locales/en/plugin__netobserv-plugin.json', 'package.json']) {
        const p = inImage(asset);
        expect(p && fs.existsSync(p) ? asset : `${asset} (not in the image)`).toBe(asset);
      }
    });

    it('needs at run time only packages of "dependencies" (the runtime image has no others)', () => {
      const required = new Set<string>();
      const scan = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) scan(p);
          else if (e.name.endsWith('.js')) {
            for (const m of fs.readFileSync(p, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) {
              required.add(m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0]);
            }
          }
        }
      };
      // What main.js loads: the server and the model it imports.
      scan(path.join(builtDir, 'server/server/src'));
      scan(path.join(builtDir, 'server/web/src/model'));
      const builtin = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
      expect([...required].filter((m) => !builtin.has(m) && !(m in pkg.dependencies))).toEqual([]);
      expect(required.has('fastify')).toBe(true);
    });
  });
});

describe('HEALTHCHECK command', () => {
  const [, , script] = readExecForm(one(runtime, 'HEALTHCHECK').args.replace(/^.*?\bCMD\s+/, ''));
  const check = (port: number) =>
    new Promise<number>((resolve) => {
      execFile(process.execPath, ['-e', script], { env: { ...process.env, NETOBSERV_PORT: String(port) }, timeout: 10_000 }, (err) =>
        resolve(err ? ((err as { code?: number }).code ?? -1) : 0),
      );
    });
  const serve = async (server: http.Server | https.Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };
  const answering = (status: number) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.statusCode = req.url === '/healthz' ? status : 404;
    res.end();
  };

  it('passes on a healthy HTTPS backend with a certificate for another name, and on plain HTTP', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'healthcheck-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=netobserv-plugin.netobserv.svc',
      '-keyout', path.join(dir, 'tls.key'), '-out', path.join(dir, 'tls.crt')], { stdio: 'ignore' });
    const tls = https.createServer({ key: fs.readFileSync(path.join(dir, 'tls.key')), cert: fs.readFileSync(path.join(dir, 'tls.crt')) }, answering(200));
    const plain = http.createServer(answering(200));
    try {
      expect(await check(await serve(tls))).toBe(0);
      expect(await check(await serve(plain))).toBe(0);
    } finally {
      tls.close();
      plain.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when the backend answers an error or does not answer', async () => {
    const sick = http.createServer(answering(503));
    const port = await serve(sick);
    try {
      expect(await check(port)).toBe(1);
    } finally {
      sick.close();
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(await check(port)).toBe(1);
  });
});
