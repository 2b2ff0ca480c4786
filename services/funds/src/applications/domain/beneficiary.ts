import type { EncryptedField } from '@pdmc/privacy';

/** Who receives the money. A person's fields are personal data; a unit's name is not, but is stored alike. */
export interface Beneficiary {
  kind: 'person' | 'unit';
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  bankAccount?: string;
}

export const BENEFICIARY_FIELDS = ['name', 'idNumber', 'phone', 'address', 'bankAccount'] as const;
export type BeneficiaryField = (typeof BENEFICIARY_FIELDS)[number];

export type StoredBeneficiary = { kind: 'person' | 'unit' } & Partial<Record<BeneficiaryField, EncryptedField>>;

/** The encryption context binds each value to its field (a name cannot be replayed as a phone). */
export const beneficiaryContext = (field: BeneficiaryField): string => `fund-beneficiary.${field}`;

/** Shows the last four digits of a bank account. */
export function maskBankAccount(value: string): string {
  const digits = value.replace(/\s+/g, '');
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}
