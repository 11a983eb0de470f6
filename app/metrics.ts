import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineMetrics } from '../engine/engine.js';

/** Prometheus metrics: turn latency, intents, effects and errors. */
export function createMetrics(): { registry: Registry; engine: EngineMetrics } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const latency = new Histogram({
    name: 'smile_turn_duration_seconds', help: 'Time to answer one customer turn', labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });
  const intents = new Counter({ name: 'smile_intents_total', help: 'Turns by understood intent', labelNames: ['channel', 'intent'], registers: [registry] });
  const effects = new Counter({ name: 'smile_effects_total', help: 'Effects run through the ports', labelNames: ['effect', 'outcome'], registers: [registry] });
  const errors = new Counter({ name: 'smile_errors_total', help: 'Errors answered to a client', labelNames: ['kind'], registers: [registry] });
  return {
    registry,
    engine: {
      turn: (channel, intent, seconds) => { latency.observe({ channel }, seconds); intents.inc({ channel, intent }); },
      effect: (effect, outcome) => effects.inc({ effect, outcome }),
      error: (kind) => errors.inc({ kind }),
    },
  };
}
