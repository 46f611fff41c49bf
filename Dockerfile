# The board's server as a container (docs/deployment.md says how to run it for a council).
# Three stages, so the image holds the built server and its production dependencies only: no
# TypeScript sources, no development tools, no npm cache. Checked by
# tests/production-start.test.ts, which cannot run Docker but starts the same files the same way.
#
#   docker build -t co-production-board .
#   docker run -p 8080:8080 co-production-board        # the demo board, tokens printed

# 1. Build: all dependencies, then the server bundle into dist/ (no Apps Script bundle).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# No install scripts: nothing the build uses needs one (esbuild's binary comes as a package).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build -- --server-only

# 2. Production dependencies only, exactly as locked.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# 3. What runs: owned by root and read-only to the user the server runs as.
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY --from=deps /app/package.json ./package.json
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/schema ./dist/schema
COPY --from=build /app/dist/demo ./dist/demo
# The official image's unprivileged user (uid 1000). The demo board's writes go to /tmp.
USER node
EXPOSE 8080
# 200 while the board is served (also when stale: answers still go out); 503 only while no read
# of the board has ever succeeded and the last one failed. The slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself as PID 1 gets SIGTERM from the host and finishes open requests (index.ts).
CMD ["node", "dist/server/index.js"]
