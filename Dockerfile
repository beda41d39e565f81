# syntax=docker/dockerfile:1
# Build stage: install everything, compile TypeScript.
FROM node:26-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund
# Runtime dependencies only.
RUN npm prune --omit=dev

# Runtime stage: compiled code, templates and production dependencies; runs as the unprivileged `node` user.
FROM node:26-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data \
    NODE_OPTIONS="--max-semi-space-size=4 --max-old-space-size=128"
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY templates ./templates
COPY models ./models
COPY bin ./bin
COPY public ./public
COPY examples ./examples
COPY scripts ./scripts
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/server.js"]
