/**
 * The backend's command line: `node dist/server/server/src/main.js --config config/dev.yaml`.
 * Loads and validates the configuration, listens (HTTPS when `server.tls` is set) and stops gracefully
 * on SIGTERM/SIGINT (in-flight requests finish, then the process exits).
 */
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';

function configPath(argv: string[]): string {
  const i = argv.indexOf('--config');
  const eq = argv.find((a) => a.startsWith('--config='));
  const file = eq ? eq.slice('--config='.length) : i >= 0 ? argv[i + 1] : undefined;
  if (!file) {
    console.error('usage: main.js --config <path to YAML config>');
    process.exit(2);
  }
  return file;
}

async function main(): Promise<void> {
  const config = loadConfig(configPath(process.argv.slice(2)));
  const app = buildApp(config);
  await app.listen({ host: config.server.host, port: config.server.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  console.log(`backend listening on ${config.server.tls ? 'https' : 'http'}://${config.server.host}:${port}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`backend stopping (${signal})`);
    // Bounded: a hung upstream must not keep a terminating pod alive.
    setTimeout(() => process.exit(1), 10_000).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: Error) => {
  console.error(e instanceof ConfigError ? e.message : `backend failed to start: ${e.message}`);
  process.exit(1);
});
