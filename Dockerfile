# Pulso in one image: the server, the ingest pipeline and the built wall, on one port.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build
ENV NODE_ENV=production
EXPOSE 3000
CMD ["npm", "-w", "server", "run", "start"]
