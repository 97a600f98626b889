# One image for the controller and the (simulated) agent; docker-compose.yml picks the command.
# Real IIS hosts run the agent natively on Windows, not in a container.
# Node 24 LTS, the version iisfleet-agent.exe embeds (scripts/pinned-tarballs.mjs); the code also runs on Node 20.
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.base.json tsconfig.json ./
COPY packages/proto/package.json packages/proto/package.json
COPY packages/agent/package.json packages/agent/package.json
COPY packages/controller/package.json packages/controller/package.json
COPY test/package.json test/package.json
RUN npm ci --no-audit --no-fund
COPY packages packages
RUN npm run build && npm prune --omit=dev

FROM node:24.21.0-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
RUN chmod +x packages/controller/dist/cli/main.js packages/agent/dist/cli.js \
 && ln -s /app/packages/controller/dist/cli/main.js /usr/local/bin/iisfleet \
 && ln -s /app/packages/agent/dist/cli.js /usr/local/bin/iisfleet-agent \
 && mkdir -p /data /keys && chown node:node /data /keys
USER node
CMD ["node", "packages/controller/dist/cli/main.js", "--help"]
