import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reading the data folder an older Smile left: one NeDB file per collection (`<name>.db`), JSON lines appended per
 * write, where a later line with the same `_id` replaces an earlier one, `{"$$deleted": true}` removes it and
 * `$$indexCreated` lines describe indexes. A line cut short by a killed process is skipped, as NeDB did. Dates were
 * written as `{"$$date": ms}`. The embedded store reads these once, when it first opens such a folder, writes every
 * document into its own database and then moves the files into `nedb-migrated/` (kept, never deleted).
 */
export const NEDB_MIGRATED_DIR = 'nedb-migrated';

const reviveDates = (_key: string, value: unknown): unknown =>
  value && typeof value === 'object' && '$$date' in value && typeof value.$$date === 'number'
    ? new Date((value as { $$date: number }).$$date)
    : value;

/** The NeDB collection files in `dir` (names without `.db`). */
export function nedbFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.db'))
    .map((f) => f.slice(0, -3));
}

/** The documents a NeDB file holds after replaying its lines, in first-written order; `skipped` counts unreadable lines. */
export function readNedbFile(path: string): { docs: Array<Record<string, unknown>>; skipped: number } {
  const byId = new Map<string, Record<string, unknown>>();
  let skipped = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(line, reviveDates) as Record<string, unknown>;
    } catch {
      skipped += 1;
      continue;
    }
    if (!doc || typeof doc !== 'object' || '$$indexCreated' in doc || '$$indexRemoved' in doc) continue;
    const id = doc._id;
    if (typeof id !== 'string' && typeof id !== 'number') {
      skipped += 1;
      continue;
    }
    if (doc.$$deleted === true) byId.delete(String(id));
    else byId.set(String(id), doc);
  }
  return { docs: [...byId.values()], skipped };
}

/** Moves the migrated files out of the way (into `nedb-migrated/`), so the next open does not read them again. */
export function setNedbFilesAside(dir: string, names: string[]): string {
  const aside = join(dir, NEDB_MIGRATED_DIR);
  mkdirSync(aside, { recursive: true });
  for (const name of names) renameSync(join(dir, `${name}.db`), join(aside, `${name}.db`));
  return aside;
}
