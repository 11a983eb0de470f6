/**
 * npm run alexa:model [-- --out skill-package --endpoint https://your.host/alexa]
 * Writes an ASK-CLI skill package: skill.json and interactionModels/custom/en-US.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { interactionModel, skillManifest } from './interaction-model.js';

export function writeSkillPackage(out: string, endpoint: string): string[] {
  const modelDir = join(out, 'interactionModels', 'custom');
  mkdirSync(modelDir, { recursive: true });
  const files = [join(out, 'skill.json'), join(modelDir, 'en-US.json')];
  writeFileSync(files[0]!, `${JSON.stringify(skillManifest(endpoint), null, 2)}\n`);
  writeFileSync(files[1]!, `${JSON.stringify(interactionModel(), null, 2)}\n`);
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: 'skill-package' }, endpoint: { type: 'string', default: 'https://smile.example.com/alexa' } },
  });
  for (const f of writeSkillPackage(values.out!, values.endpoint!)) console.log(`wrote ${f}`);
}
