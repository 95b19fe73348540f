# The plugin image: the backend (dist/server) serving the built plugin (dist/web) and /api over TLS on
# 9001. Build: docker build -t <registry>/<repository>:<tag> .  (docs/install.md)

# --- build: the full toolchain, then the plugin and the backend -------------------------------------
FROM node:20-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.server.json webpack.config.ts console-extensions.json ./
COPY locales ./locales
COPY web ./web
COPY server ./server
COPY mocks ./mocks
COPY bench ./bench
COPY scripts ./scripts
RUN npm run build

# --- runtime: node, the production dependencies and the build output only ---------------------------
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /opt/app-root
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
# For reference; the deployment mounts its own at /etc/netobserv-plugin/config.yaml (deploy/configmap.yaml).
COPY config/lokistack-example.yaml ./config/lokistack-example.yaml
# Numeric, so that Kubernetes' runAsNonRoot can verify it; OpenShift may pick another UID (group 0):
# the files above are world-readable and nothing is written at run time.
USER 1001
EXPOSE 9001
# For docker/podman (Kubernetes uses the Deployment's probes). The serving certificate names the
# Service, not 127.0.0.1, so this loopback check alone skips verification; plain HTTP when TLS is off.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "const p='://127.0.0.1:'+(process.env.NETOBSERV_PORT||9001)+'/healthz';const get=(m,o)=>require(m).get(m+p,o,(r)=>process.exit(r.statusCode===200?0:1));get('https',{rejectUnauthorized:false}).on('error',()=>get('http',{}).on('error',()=>process.exit(1)))"]
CMD ["node", "dist/server/server/src/main.js", "--config", "/etc/netobserv-plugin/config.yaml"]
