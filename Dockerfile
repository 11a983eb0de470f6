# Build: compile the TypeScript to dist/ (npm run build) with the dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Run: production dependencies and the compiled JavaScript only (npm run serve), no TypeScript compiler at start.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
ENV PORT=3978
EXPOSE 3978
CMD ["node", "--enable-source-maps", "dist/app/main.js"]
