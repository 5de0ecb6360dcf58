# syntax=docker/dockerfile:1
# Community Engine: one image runs the whole site (`community-engine start` supervises the Next
# server and the worker). Needs PostgreSQL and Redis; configure with environment variables:
#   docker run -p 3000:3000 \
#     -e DATABASE_URL=postgresql://… -e REDIS_URL=redis://… \
#     -e BETTER_AUTH_SECRET="$(openssl rand -base64 32)" -e SITE_URL=https://community.example.com \
#     community-engine
# Migrations run before the server starts (MIGRATE_ON_START=1); set MIGRATE_ON_START=0 to run
# `docker run … community-engine migrate` yourself instead. Other commands work the same way:
#   docker run --rm -e … community-engine admin create --email you@example.com --username you

ARG NODE_VERSION=22

# ── deps: everything needed to build (cached until the lockfile changes) ─────────────────────
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ── prod-deps: runtime dependencies only, from the same lockfile ─────────────────────────────
FROM node:${NODE_VERSION}-bookworm-slim AS prod-deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ── build: Prisma client, Next standalone server, CLI/worker bundles, then the npm package ───
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
# The image holds exactly what the npm tarball holds (package.json "files"), nothing more.
RUN npm run build \
 && npm pack --ignore-scripts --pack-destination /tmp \
 && mkdir /app \
 && tar -xzf /tmp/community-engine-*.tgz -C /app --strip-components=1

# ── runtime ──────────────────────────────────────────────────────────────────────────────────
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# tini as PID 1: forwards signals and reaps orphaned processes (Node as PID 1 would leave zombies).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    MIGRATE_ON_START=1
WORKDIR /app
# The standalone server resolves its packages from /app/node_modules (walking up from
# /app/.next/standalone), exactly as in an `npm install community-engine`.
COPY --from=prod-deps --chown=node:node /src/node_modules ./node_modules
COPY --from=build --chown=node:node /app ./
RUN ln -s /app/bin/community-engine.js /usr/local/bin/community-engine
# Non-root; owns /app so Next can write its cache under .next/standalone/.next/cache.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["tini", "--", "community-engine"]
CMD ["start"]
