import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { ChatOpenAI } from '@langchain/openai';
import OpenAI from 'openai';
import type { Logger } from 'pino';
import { IntentName } from '../domain/understanding.js';
import type { Locale } from '../domain/locale.js';
import { redact } from './redact.js';

export interface LlmSettings {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
}

export { Assist, PolicyAnswer, Understanding, type LlmPort } from '../ports/llm.js';
import { Assist, PolicyAnswer, Understanding, type LlmPort } from '../ports/llm.js';

const PROMPTS = fileURLToPath(new URL('../prompts/llm/', import.meta.url));
/** Prompt files are versioned by name (understand.v1.en-US.txt); the newest version of each is used. */
export function promptText(name: string, locale: Locale, version = 'v1'): string {
  return readFileSync(`${PROMPTS}/${name}.${version}.${locale}.txt`, 'utf8');
}

/**
 * LangChain does the prompting and the schema-constrained output (ChatOpenAI over any OpenAI-compatible server);
 * the openai client does moderation. Customer text is redacted before it leaves, sent as data inside tags, and the
 * answer is parsed with zod again; on a timeout, an error or anything invalid the caller keeps its local answer.
 */
export class OpenAiLlm implements LlmPort {
  private readonly cache = new Map<string, { at: number; value: Understanding | null }>();
  private readonly client: OpenAI;
  private moderationAvailable = true;

  constructor(
    private readonly settings: LlmSettings,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.client = new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL, timeout: settings.timeoutMs, maxRetries: 0 });
  }

  private model(timeoutMs: number): ChatOpenAI {
    return new ChatOpenAI({
      apiKey: this.settings.apiKey,
      model: this.settings.model,
      temperature: 0,
      maxRetries: 0,
      timeout: timeoutMs,
      configuration: { baseURL: this.settings.baseURL },
    });
  }

  private async guarded<T>(what: string, timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await run(controller.signal);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, what }, 'LLM call failed; keeping the local answer');
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  async understand(text: string, locale: Locale, today: string, budgetMs = this.settings.timeoutMs): Promise<Understanding | null> {
    const safe = redact(text);
    const key = `${locale}|${today}|${safe}`;
    const hit = this.cache.get(key);
    if (hit && this.clock().getTime() - hit.at < 5 * 60_000) return hit.value;
    const timeout = Math.max(200, Math.min(budgetMs, this.settings.timeoutMs));
    const value = await this.guarded('understand', timeout, async (signal) => {
      const prompt = ChatPromptTemplate.fromMessages([
        ['system', promptText('understand', locale)],
        ['human', '<customer_text>\n{text}\n</customer_text>'],
      ]);
      const chain = prompt.pipe(this.model(timeout).withStructuredOutput(Understanding, { name: 'understanding', method: 'jsonSchema' }));
      const raw = await chain.invoke({ intents: IntentName.options.join(', '), today, text: safe }, { signal });
      return Understanding.parse(raw);
    });
    // Only answers are kept: a failure is not repeated from the cache when the server is back.
    if (value) {
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(key, { at: this.clock().getTime(), value });
    }
    return value;
  }

  async answerPolicy(question: string, passages: Array<{ source: string; text: string }>, locale: Locale): Promise<PolicyAnswer | null> {
    const answer = await this.guarded('policy', this.settings.timeoutMs, async (signal) => {
      const prompt = ChatPromptTemplate.fromMessages([
        ['system', promptText('policy', locale)],
        ['human', '<customer_text>\n{question}\n</customer_text>'],
      ]);
      const chain = prompt.pipe(
        this.model(this.settings.timeoutMs).withStructuredOutput(PolicyAnswer, { name: 'policy_answer', method: 'jsonSchema' }),
      );
      const raw = await chain.invoke({ passages: passages.map((p) => `[${p.source}] ${p.text}`).join('\n'), question: redact(question) }, { signal });
      return PolicyAnswer.parse(raw);
    });
    if (!answer) return null;
    // Grounded or nothing: an answer must name one of the passages it was given.
    if (answer.covered && !passages.some((p) => p.source === answer.source)) return null;
    if (answer.covered && !(await this.acceptable(answer.answer))) return null;
    return answer;
  }

  async assist(transcript: Array<{ from: string; text: string }>, locale: Locale): Promise<Assist | null> {
    const result = await this.guarded('assist', this.settings.timeoutMs, async (signal) => {
      const prompt = ChatPromptTemplate.fromMessages([
        ['system', promptText('assist', locale)],
        ['human', '<conversation>\n{conversation}\n</conversation>'],
      ]);
      const chain = prompt.pipe(this.model(this.settings.timeoutMs).withStructuredOutput(Assist, { name: 'agent_assist', method: 'jsonSchema' }));
      const conversation = transcript
        .slice(-40)
        .map((l) => `${l.from}: ${redact(l.text)}`)
        .join('\n');
      return Assist.parse(await chain.invoke({ conversation }, { signal }));
    });
    if (!result) return null;
    if (!(await this.acceptable(result.summary))) return null;
    const replies: string[] = [];
    for (const r of result.replies) if (await this.acceptable(r)) replies.push(r);
    return { summary: result.summary, replies };
  }

  /** The moderation endpoint, when the server has one: flagged text is never shown to an agent or customer. */
  private async acceptable(text: string): Promise<boolean> {
    if (!this.moderationAvailable) return true;
    try {
      const r = await this.client.moderations.create({ model: 'omni-moderation-latest', input: text });
      return !r.results.some((x) => x.flagged);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404 || status === 501) {
        this.moderationAvailable = false;
        return true;
      }
      this.logger.warn({ err: (err as Error).message }, 'moderation failed; the text is not shown');
      return false;
    }
  }
}
