import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineMetrics } from '../engine/engine.js';
import type { SupportMetrics } from '../support/escalations.js';
import type { NoticeMetrics } from './notifications.js';

/** Prometheus metrics: turn latency, intents, effects and errors. */
export function createMetrics(): {
  registry: Registry;
  engine: EngineMetrics;
  support: SupportMetrics;
  notices: NoticeMetrics;
  watchQueue(read: () => Promise<{ queued: number; active: number }>): void;
} {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const latency = new Histogram({
    name: 'smile_turn_duration_seconds',
    help: 'Time to answer one customer turn',
    labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const intents = new Counter({
    name: 'smile_intents_total',
    help: 'Turns by understood intent',
    labelNames: ['channel', 'intent'],
    registers: [registry],
  });
  const effects = new Counter({
    name: 'smile_effects_total',
    help: 'Effects run through the ports',
    labelNames: ['effect', 'outcome'],
    registers: [registry],
  });
  const errors = new Counter({ name: 'smile_errors_total', help: 'Errors answered to a client', labelNames: ['kind'], registers: [registry] });
  const escalations = new Counter({
    name: 'smile_escalations_total',
    help: 'Escalations to a person, by the intent and reason that led there (handoff rate per intent)',
    labelNames: ['intent', 'reason'],
    registers: [registry],
  });
  const firstReply = new Histogram({
    name: 'smile_first_agent_reply_seconds',
    help: 'Time from escalation to the first reply of a person',
    buckets: [30, 60, 120, 300, 600, 1800, 3600, 14_400],
    registers: [registry],
  });
  const closed = new Counter({
    name: 'smile_escalations_closed_total',
    help: 'Escalations resolved or handed back to the bot',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const events = new Counter({
    name: 'smile_logistics_events_total',
    help: 'Logistics webhook events, accepted or repeated (already seen)',
    labelNames: ['type', 'outcome'],
    registers: [registry],
  });
  const notices = new Counter({
    name: 'smile_notices_total',
    help: 'Proactive notices by channel and outcome (sent, held for quiet hours, suppressed, failed, fallback, undeliverable)',
    labelNames: ['channel', 'outcome'],
    registers: [registry],
  });
  const noticeDelay = new Histogram({
    name: 'smile_notice_delay_seconds',
    help: 'From the logistics event to the notice sent (quiet hours included)',
    labelNames: ['channel'],
    buckets: [1, 5, 15, 60, 300, 1800, 3600, 14_400, 43_200],
    registers: [registry],
  });
  let readQueue: (() => Promise<{ queued: number; active: number }>) | undefined;
  new Gauge({
    name: 'smile_escalation_queue_length',
    help: 'Escalations waiting for a person (queued) and being handled (active)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      if (!readQueue) return;
      const q = await readQueue().catch(() => null);
      if (q) {
        this.set({ status: 'queued' }, q.queued);
        this.set({ status: 'active' }, q.active);
      }
    },
  });
  return {
    registry,
    watchQueue: (read) => {
      readQueue = read;
    },
    notices: {
      event: (type, outcome) => events.inc({ type, outcome }),
      notice: (channel, outcome) => notices.inc({ channel, outcome }),
      delay: (channel, seconds) => noticeDelay.observe({ channel }, seconds),
    },
    support: {
      created: (intent, reason) => escalations.inc({ intent, reason }),
      firstReply: (seconds) => firstReply.observe(seconds),
      closed: (outcome) => closed.inc({ outcome }),
    },
    engine: {
      turn: (channel, intent, seconds) => {
        latency.observe({ channel }, seconds);
        intents.inc({ channel, intent });
      },
      effect: (effect, outcome) => effects.inc({ effect, outcome }),
      error: (kind) => errors.inc({ kind }),
    },
  };
}
