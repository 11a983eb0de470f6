import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema, loadConfig } from '../app/config.js';

/**
 * docker-compose.yml and deploy/nginx.conf checked without Docker (issue 16 item 4): every variable the Smile services
 * set — and every one the file tells operators to set — is one Smile reads and the README's configuration table names;
 * health checks ask /readyz; the proxy waits for healthy instances and sends to each of them. When a Compose CLI is
 * installed, its own `config` check runs too (no daemon needed); no image is built or pulled here.
 */
interface Service {
  build?: unknown;
  image?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}
const text = readFileSync('docker-compose.yml', 'utf8');
const compose = parse(text, { merge: true }) as { services: Record<string, Service> };
const smiles = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);
const readme = readFileSync('README.md', 'utf8');
const configTable = /## Configuration\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
const named = new Set([...configTable.matchAll(/^\| (.*?) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Za-z_]+)`/g)].map((n) => n[1])));
const known = new Set(Object.keys(ConfigSchema.shape));

describe('docker-compose.yml', () => {
  it('runs two Smile instances built from this folder', () => {
    expect(smiles.map(([name]) => name)).toEqual(['smile-a', 'smile-b']);
  });

  it.each(smiles.map(([name]) => name))('sets on %s only variables Smile reads and the README documents, and they pass validation', (name) => {
    const env = compose.services[name]!.environment ?? {};
    // Also the ones the file tells operators to set (commented `# NAME: value` lines and `NAME / _SUFFIX` lists).
    const suggested = [...text.matchAll(/^\s*# ([A-Z][A-Za-z_]+)(?::| \/)/gm)].map((m) => m[1]!);
    const names = [...Object.keys(env), ...suggested];
    expect(names.length).toBeGreaterThan(4);
    expect(names.filter((n) => !known.has(n))).toEqual([]);
    expect(names.filter((n) => !named.has(n))).toEqual([]);
    // The values given start Smile (the same validation as at start: a bad one would stop it, naming the variable).
    expect(() => loadConfig(env)).not.toThrow();
    // Instances share MongoDB and Redis, and the one proxy in front is trusted for the client's address.
    expect(env).toMatchObject({ MONGODB_URI: expect.stringMatching(/^mongodb:\/\/mongo:/), REDIS_URL: expect.stringMatching(/^redis:\/\/redis:/) });
    expect(env.SMILE_TRUST_PROXY).toBeTruthy();
  });

  it.each(smiles.map(([name]) => name))("checks %s's health at /readyz, and starts it after healthy MongoDB and Redis", (name) => {
    const service = compose.services[name]!;
    expect(service.healthcheck?.test.join(' ')).toMatch(/127\.0\.0\.1:3978\/readyz/);
    expect(service.depends_on).toEqual({ mongo: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('puts the proxy in front of every instance once they are healthy, on the port Smile listens on', () => {
    const proxy = compose.services.proxy!;
    expect(Object.keys(proxy.depends_on ?? {}).sort()).toEqual(smiles.map(([n]) => n).sort());
    expect(Object.values(proxy.depends_on ?? {}).every((d) => d.condition === 'service_healthy')).toBe(true);
    const nginx = readFileSync('deploy/nginx.conf', 'utf8');
    for (const [name] of smiles) expect(nginx).toMatch(new RegExp(`server ${name}:3978\\b`));
    // Server-Sent Events pass through unbuffered.
    expect(nginx).toMatch(/proxy_buffering off;/);
    expect(readFileSync('Dockerfile', 'utf8')).toMatch(/ENV PORT=3978[\s\S]*EXPOSE 3978/);
  });

  const cli = ['docker compose', 'docker-compose'].find((c) => {
    try {
      execFileSync(c.split(' ')[0]!, [...c.split(' ').slice(1), 'version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!cli) console.log('docker-compose.yml: the Compose CLI check skipped — neither `docker compose` nor `docker-compose` is installed');
  it.skipIf(!cli)('is valid for the Compose CLI (`config --quiet`)', () => {
    const [command, ...args] = cli!.split(' ');
    expect(() => execFileSync(command!, [...args, '-f', 'docker-compose.yml', 'config', '--quiet'], { stdio: 'pipe' })).not.toThrow();
  });
});
