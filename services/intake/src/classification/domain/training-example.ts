import type { LabelledText } from './learned-model';

/** Where a training example came from. */
export type ExampleSource = 'registration' | 'classification' | 'import';

/**
 * A confirmed classification kept for learning: the petition's words with personal data
 * removed, and the class's levels. One per petition, the clerk's latest choice; imported
 * examples have ids of their own.
 */
export interface TrainingExample extends LabelledText {
  id: string;
  petitionId?: string;
  source: ExampleSource;
  /** Leaf levels when known, for readers of the collection. */
  level3?: string;
  /** When the choice was made (or, for an import, the archive's date or the import's). */
  at: Date;
  /** The clerk or importer (user id). */
  recordedBy: string;
}
