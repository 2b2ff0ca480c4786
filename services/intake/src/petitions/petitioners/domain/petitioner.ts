import type { EncryptedField } from '@pdmc/privacy';

/** A petitioner as the clerk enters and a permitted reader sees it. */
export interface Petitioner {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

/** At rest: every field encrypted, plus blind indexes for exact look-ups. */
export interface StoredPetitioner {
  name: EncryptedField;
  idNumber?: EncryptedField;
  phone?: EncryptedField;
  address?: EncryptedField;
  idNumberIndex?: string;
  phoneIndex?: string;
  /** The registry entry of this person (persons collection), when they could be identified. */
  personId?: string;
}

export const PETITIONER_FIELDS = ['name', 'idNumber', 'phone', 'address'] as const;
export type PetitionerField = (typeof PETITIONER_FIELDS)[number];

/** The encryption context binds each value to its field, so values cannot be swapped around. */
export function fieldContext(field: PetitionerField): string {
  return `petitioner.${field}`;
}
