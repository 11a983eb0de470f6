FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
ENV PORT=3978
EXPOSE 3978
CMD ["npx", "tsx", "app/main.ts"]
