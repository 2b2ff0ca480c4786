import type { ProducerName } from './event-definition';

/** One JetStream stream per producing service; it captures every subject the service owns. */
export interface StreamDefinition {
  name: string;
  producer: ProducerName;
  subjects: string[];
}

export const STREAMS: Record<ProducerName, StreamDefinition> = {
  intake: { name: 'INTAKE', producer: 'intake', subjects: ['intake.>'] },
  routing: { name: 'ROUTING', producer: 'routing', subjects: ['routing.>'] },
  handling: { name: 'HANDLING', producer: 'handling', subjects: ['handling.>'] },
  emergency: { name: 'EMERGENCY', producer: 'emergency', subjects: ['emergency.>'] },
  funds: { name: 'FUNDS', producer: 'funds', subjects: ['funds.>'] },
};

/** Messages that failed for good are copied here with their error, never dropped. */
export const DEAD_LETTER_STREAM = { name: 'DEAD_LETTERS', subjects: ['dlq.>'] } as const;
