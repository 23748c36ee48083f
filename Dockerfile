# Pulso in one image: the server, the ingest pipeline and the built wall, on one port.
FROM node:20-bookworm-slim
WORKDIR /app
COPY --chown=node:node . .
RUN npm ci --no-audit --no-fund && npm run build && chown -R node:node /app
ENV NODE_ENV=production
# Never as root: the process needs only /app/data.
USER node
EXPOSE 3000
CMD ["npm", "-w", "server", "run", "start"]
