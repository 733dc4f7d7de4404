# syntax=docker/dockerfile:1
# Build: compile TypeScript and the native sqlite3 module, then keep production dependencies only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY bin ./bin
COPY config ./config
COPY src ./src
COPY adapters ./adapters
RUN npm run build && npm prune --omit=dev

# Run: the compiled bot as the unprivileged `node` user, state on a volume.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# The embedded SQLite default lives here; on Redis or Postgres the volume stays empty.
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (Number(process.env.OPS_PORT) || process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# --service: a container never opens the terminal; with no Slack or Discord token it exits 2 and names the variables to set.
CMD ["node", "dist/bin/papers-bot.js", "start", "--service"]
