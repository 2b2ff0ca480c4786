import { generateKey, residentIdCheckCharacter } from '@pdmc/privacy';

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

let personSeq = 0;
const peopleMade: Array<Record<string, string>> = [];

/** Every person `aPerson` made in this test file, to scan logs for their data. */
export function everyPersonMade(): ReadonlyArray<Record<string, string>> {
  return peopleMade;
}

/**
 * A new person each call (valid, unique resident ID number and mobile), so that tests which do
 * not test repeats are not taken for the same person petitioning about the same matter again.
 */
export function aPerson(over: Record<string, string> = {}): { name: string; idNumber: string; phone: string; address: string } {
  personSeq += 1;
  const serial = String((process.pid * 7 + personSeq) % 1000).padStart(3, '0');
  const day = String(1 + (personSeq % 28)).padStart(2, '0');
  const year = 1950 + Math.floor(Math.random() * 50);
  const first17 = `220106${year}07${day}${serial}`;
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const person = {
    name: `赵丽${'华英兰梅芳'[personSeq % 5]}`,
    idNumber: `${first17}${residentIdCheckCharacter(first17)}`,
    phone,
    address: `吉林省长春市绿园区春城街道${serial}号`,
    ...over,
  };
  peopleMade.push(person);
  return person;
}
