import { Counter, Gauge, Registry } from 'prom-client';

/** The bot's Prometheus metrics, in a registry of its own (one per runtime, so tests stay apart). */
export function createMetrics(queueDepth: () => Promise<number> = async () => 0) {
  const registry = new Registry();
  const commands = new Counter({ name: 'papers_commands_total', help: 'Commands handled, by platform and outcome', labelNames: ['platform', 'outcome'] as const, registers: [registry] });
  const digests = new Counter({ name: 'papers_digests_total', help: 'Digest runs, by result (sent, empty, paused, failed, already-done, skipped)', labelNames: ['result'] as const, registers: [registry] });
  const fetches = new Counter({ name: 'papers_source_fetches_total', help: 'Days fetched from Hugging Face, by outcome', labelNames: ['outcome'] as const, registers: [registry] });
  new Gauge({
    name: 'papers_digest_queue_depth',
    help: 'Digest jobs waiting or running',
    registers: [registry],
    async collect() {
      this.set(await queueDepth().catch(() => 0));
    },
  });
  return { registry, commands, digests, fetches };
}

export type Metrics = ReturnType<typeof createMetrics>;
