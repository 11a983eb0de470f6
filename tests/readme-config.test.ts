import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../app/config.js';

describe('the README configuration table', () => {
  it('names every variable the configuration schema reads', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = /## Configuration\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(10);
    const named = new Set(rows.flatMap((r) => [...r.matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1])));
    const missing = Object.keys(ConfigSchema.shape).filter((key) => !named.has(key));
    expect(missing).toEqual([]);
  });
});
