// After `tsc -p tsconfig.build.json`: the files the compiled server reads beside its modules (the NLU model and
// training phrases, policy texts, LLM prompts, the web pages), copied to the same places under dist/.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';

const copies: Array<[string, string]> = [
  ['nlu/model', 'dist/nlu/model'],
  ['prompts/policies', 'dist/prompts/policies'],
  ['prompts/llm', 'dist/prompts/llm'],
  // The web chat's and the agent console's pages and scripts (app/ reads them beside its modules).
  ['web', 'dist/web'],
];
for (const [from, to] of copies) cpSync(from, to, { recursive: true });
mkdirSync('dist/nlu/data', { recursive: true });
for (const f of readdirSync('nlu/data').filter((f) => f.startsWith('train.'))) cpSync(`nlu/data/${f}`, `dist/nlu/data/${f}`);
