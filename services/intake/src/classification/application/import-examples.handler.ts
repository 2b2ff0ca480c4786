import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { ValidationFailedError, type TaxonomyClass } from '@pdmc/platform';
import { redactPersonalData } from '../domain/personal-data-redaction';
import type { TrainingExample } from '../domain/training-example';
import { TrainingExampleRepository } from '../infrastructure/training-example.repository';
import { TAXONOMY } from '../../reference-data.providers';
import { ModelTrainer } from './model-trainer.service';

/** A row of a centre's archive: words and the class a clerk gave them, as deep as known. */
export interface HistoricalExample {
  subject: string;
  description?: string;
  level1: string;
  level2?: string;
  level3?: string;
  at?: Date;
}

export interface ImportOutcome {
  received: number;
  /** New examples stored. */
  stored: number;
  /** Rows already imported before (same words and classes): nothing stored for them. */
  alreadyStored: number;
}

/**
 * Imports a centre's archive of classified petitions as training examples. Every row is checked
 * against the taxonomy first, and nothing is stored when one is wrong. ID numbers, phones and
 * long numbers are removed from the words; names cannot be, as an archive row names no
 * petitioner (docs/classification.md). Ids come from a hash of the row, so a re-import adds nothing.
 */
@Injectable()
export class ImportExamplesHandler {
  constructor(
    private readonly examples: TrainingExampleRepository,
    private readonly trainer: ModelTrainer,
    @Inject(TAXONOMY) private readonly taxonomy: ReadonlyMap<number, TaxonomyClass>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(rows: readonly HistoricalExample[], importer: string): Promise<ImportOutcome> {
    const leaves = new Map([...this.taxonomy.values()].map((c) => [`${c.level1}/${c.level2}/${c.level3}`, c]));
    const level1s = new Set([...this.taxonomy.values()].map((c) => c.level1));
    const level2s = new Set([...this.taxonomy.values()].map((c) => `${c.level1}/${c.level2}`));
    const violations: Array<{ field: string; rule: string; message: string }> = [];
    const now = this.clock.now();
    const examples = rows.map((row, i): TrainingExample | undefined => {
      const at = `examples.${i}`;
      if (!level1s.has(row.level1)) {
        violations.push({ field: `${at}.level1`, rule: 'knownClass', message: 'level1 is not a first-level class of the taxonomy' });
        return undefined;
      }
      if (row.level2 !== undefined && !level2s.has(`${row.level1}/${row.level2}`)) {
        violations.push({ field: `${at}.level2`, rule: 'knownClass', message: 'level2 is not a class of level1' });
        return undefined;
      }
      const leaf = row.level2 !== undefined && row.level3 !== undefined ? leaves.get(`${row.level1}/${row.level2}/${row.level3}`) : undefined;
      if (row.level3 !== undefined && !leaf) {
        violations.push({ field: `${at}.level3`, rule: 'knownClass', message: 'level3 is not a leaf of level2' });
        return undefined;
      }
      const subject = redactPersonalData(row.subject);
      const description = redactPersonalData(row.description ?? '');
      const hash = createHash('sha256')
        .update(JSON.stringify([subject, description, row.level1, row.level2 ?? '', row.level3 ?? '']))
        .digest('hex')
        .slice(0, 32);
      return {
        id: `import-${hash}`,
        source: 'import',
        subject,
        description,
        level1: row.level1,
        ...(row.level2 !== undefined ? { level2: row.level2 } : {}),
        ...(leaf ? { level3: leaf.level3, categoryId: leaf.id } : {}),
        at: row.at ?? now,
        recordedBy: importer,
      };
    });
    if (violations.length) throw new ValidationFailedError(violations.slice(0, 20));
    const unique = [...new Map(examples.map((e) => [(e as TrainingExample).id, e as TrainingExample])).values()];
    const stored = await this.examples.insertNew(unique);
    if (stored) this.trainer.exampleAdded(stored);
    return { received: rows.length, stored, alreadyStored: rows.length - stored };
  }
}
