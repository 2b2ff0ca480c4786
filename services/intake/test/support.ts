import { generateKey } from '@pdmc/privacy';

/** Keys for personal data, fresh for each test file. */
export function piiEnv(): Record<string, string> {
  return { PII_KEYS: `k1:${generateKey()}`, PII_ACTIVE_KEY_ID: 'k1', PII_INDEX_KEY: generateKey() };
}

/** Given a pension complaint as a clerk enters it at the front desk (category 515, 合心镇). */
export function aPetitionBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'visit',
    itemClass: 'appeal',
    categoryId: 515,
    townCode: 'HX',
    subject: '退休金未按时发放',
    description: '原厂职工反映自今年三月起退休金未按时足额发放，多次询问无果。',
    headcount: 1,
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    ...over,
  };
}
