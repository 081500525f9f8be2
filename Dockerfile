# syntax=docker/dockerfile:1
# Atrium's image: built in one stage, run from the next with only the built server (no sources,
# no dev dependencies; .output carries the packages it needs). Runs as the unprivileged `node`
# user; the same image runs the server (default), the migrations and the first super admin:
#   docker run … atrium                                   the server on :3000
#   docker run … atrium node .output/server/cli.mjs migrate
#   docker run -it … atrium node .output/server/cli.mjs setup-admin you@example.com
# (docs/deployment.md; scripts/docker-build-steps.sh runs these steps without a container engine).

FROM node:20.19-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npx patch-package && npx nuxt prepare && npm run build

FROM node:20.19-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NUXT_PGLITE_DIR=/data/pglite \
    NUXT_BLOB_DIR=/data/blobs \
    NUXT_MAIL_OUTBOX_DIR=/data/outbox
WORKDIR /app
COPY --from=build --chown=node:node /app/.output ./.output
RUN mkdir -p /data/pglite /data/blobs /data/outbox && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Liveness: the process answers (no database involved); the orchestrator routes traffic on /api/ready.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", ".output/server/index.mjs"]
