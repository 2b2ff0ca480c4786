import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '@pdmc/calendar';
import { SERVICE_CONFIG, type TaxonomyClass } from '@pdmc/platform';
import type { IntakeConfig } from '../../config/intake.config';
import type { CombinationPolicy } from '../domain/combination';
import type { KeywordRules } from '../domain/keyword-rules';
import { LearnedModel } from '../domain/learned-model';
import { minimumExamples, trainAndSelect } from '../domain/selection';
import { suggestCategories } from '../domain/suggest-category';
import { SuggestionModelRepository, type ModelVersion } from '../infrastructure/suggestion-model.repository';
import { TrainingExampleRepository } from '../infrastructure/training-example.repository';
import { KEYWORD_RULES } from '../keyword-rules.providers';
import { TAXONOMY } from '../../reference-data.providers';
import { TooFewExamplesError } from './errors';

/** Fewer new examples than this since the last training, and no background training starts. */
const MIN_NEW_EXAMPLES = 10;

/** The model in service and the policy it serves with. */
export interface ServingModel {
  version: ModelVersion;
  model: LearnedModel;
  policy: CombinationPolicy;
}

/**
 * Trains the centre's model in the background: a while after the last new example (debounced),
 * at start-up when examples arrived after the stored model, or when asked. One training at a
 * time per instance; the stored versions are shared, and each instance loads the newest.
 */
@Injectable()
export class ModelTrainer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ModelTrainer');
  private serving?: ServingModel;
  private retrainTimer?: NodeJS.Timeout;
  private refreshTimer?: NodeJS.Timeout;
  private training?: Promise<ModelVersion | undefined>;
  private stopped = false;
  /** Examples stored since the last background training started. */
  private pending = 0;
  private lastAddedAt = 0;

  constructor(
    private readonly examples: TrainingExampleRepository,
    private readonly models: SuggestionModelRepository,
    @Inject(KEYWORD_RULES) private readonly rules: KeywordRules,
    @Inject(TAXONOMY) private readonly taxonomy: ReadonlyMap<number, TaxonomyClass>,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The model in service; undefined at cold start (the rules serve alone). */
  get current(): ServingModel | undefined {
    return this.serving;
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.refresh();
      const latest = await this.examples.latest(1);
      const newest = latest[0]?.at;
      if (newest && (!this.serving?.version.examplesUpTo || newest > this.serving.version.examplesUpTo)) {
        this.exampleAdded(MIN_NEW_EXAMPLES);
      }
    } catch (error) {
      this.logger.warn({ msg: 'stored model not loaded; the rules serve alone until one is', error: String(error) });
    }
    this.refreshTimer = setInterval(() => void this.refresh().catch(() => undefined), this.config.CLASSIFY_MODEL_REFRESH_MS);
    this.refreshTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retrainTimer) clearTimeout(this.retrainTimer);
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    await this.training?.catch(() => undefined);
  }

  /**
   * New examples were stored. A training starts `CLASSIFY_RETRAIN_DELAY_MS` after the first of
   * them once enough have arrived to be worth it ({@link MIN_NEW_EXAMPLES}, or 5 % of the last
   * training set), so a busy desk neither postpones it for ever nor trains after every petition;
   * fewer are learned once the desk has been quiet for that long.
   */
  exampleAdded(count = 1): void {
    if (this.stopped) return;
    this.pending += count;
    this.lastAddedAt = Date.now();
    if (!this.retrainTimer) this.armRetrain();
  }

  private armRetrain(): void {
    const delay = this.config.CLASSIFY_RETRAIN_DELAY_MS;
    this.retrainTimer = setTimeout(() => {
      this.retrainTimer = undefined;
      const needed = Math.max(MIN_NEW_EXAMPLES, Math.ceil((this.serving?.version.trainingSize ?? 0) * 0.05));
      const quiet = Date.now() - this.lastAddedAt >= delay;
      if (this.pending === 0 || this.stopped) return;
      if (this.pending < needed && !quiet) {
        this.armRetrain();
        return;
      }
      this.pending = 0;
      void this.train().catch((error: unknown) => {
        if (error instanceof TooFewExamplesError) return;
        this.logger.warn({ msg: 'background training failed; will retry on the next examples', error: String(error) });
      });
    }, delay);
    this.retrainTimer.unref();
  }

  /** Trains now (after a training already running); throws {@link TooFewExamplesError} when there is too little to learn from. */
  train(): Promise<ModelVersion | undefined> {
    const run = (this.training ?? Promise.resolve(undefined)).catch(() => undefined).then(() => this.trainOnce());
    this.training = run;
    void run.finally(() => {
      if (this.training === run) this.training = undefined;
    }).catch(() => undefined);
    return run;
  }

  /** Loads the newest stored version when it is newer than the one in service. */
  async refresh(): Promise<void> {
    const latest = await this.models.latest();
    if (!latest || (this.serving && this.serving.version.seq >= latest.seq)) return;
    const data = await this.models.load(latest.version);
    if (!data) return;
    this.serving = { version: latest, model: LearnedModel.fromData(data, this.taxonomy), policy: latest.report.policy };
    this.logger.log({ msg: 'model loaded', version: latest.version, policy: latest.report.policy.kind, trainingSize: latest.trainingSize });
  }

  private async trainOnce(): Promise<ModelVersion | undefined> {
    const examples = await this.examples.latest(this.config.CLASSIFY_MAX_EXAMPLES);
    const started = performance.now();
    const suggest = (subject: string, description: string) => suggestCategories(subject, description, this.rules, this.taxonomy, 3);
    const trained = await trainAndSelect(examples, suggest, this.taxonomy);
    if (!trained) throw new TooFewExamplesError(examples.length, minimumExamples());
    const trainingMs = Math.round(performance.now() - started);
    const version = await this.models.save(
      { trainedAt: this.clock.now(), rulesVersion: this.rules.version, examplesUpTo: examples[examples.length - 1]?.at, report: trained.report },
      trained.model.toData(),
    );
    if (!version) {
      // Another instance published this number first: serve its model.
      await this.refresh();
      return this.serving?.version;
    }
    if (!this.serving || this.serving.version.seq < version.seq) {
      this.serving = { version, model: trained.model, policy: trained.report.policy };
    }
    this.logger.log({
      msg: 'model trained',
      version: version.version,
      trainingSize: version.trainingSize,
      heldOutSize: version.heldOutSize,
      policy: trained.report.policy.kind,
      trainingMs,
    });
    return version;
  }
}
