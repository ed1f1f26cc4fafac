# nhacviec in a container. Build: docker build -t nhacviec .   Run: see compose.yaml and the README.
# Two stages: the first compiles better-sqlite3 (node-gyp needs python3, make, g++) and bundles src/;
# the second carries only the result and runs as the unprivileged "node" user.

FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The bundle the service runs (scripts/launch.mjs finds it up to date at start), then no dev tools.
RUN node scripts/launch.mjs build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DB_PATH=/data/nhacviec.db \
    HTTP_PORT=8787 \
    CONSOLE=off
WORKDIR /app
# Same path as the build stage: the bundle refers to /app.
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
# The SQLite file (and BACKUP_DIR, when pointed under /data) lives on this volume.
VOLUME ["/data"]
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HTTP_PORT || 8787}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "scripts/launch.mjs", "main"]
