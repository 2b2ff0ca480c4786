import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PetitionerAccessModule } from '../petitioner-access/petitioner-access.module';
import { ProgressModule } from '../progress/progress.module';
import { EvaluationReportsHandler } from './application/evaluation-reports.handler';
import { EvaluationStates } from './application/evaluation-states';
import { SubmitEvaluationHandler } from './application/submit-evaluation.handler';
import { EvaluationRepository } from './infrastructure/evaluation.repository';
import { EvaluationDocument, EvaluationSchema } from './infrastructure/evaluation.schema';
import { EvaluationsHttpController } from './interface/evaluations.http.controller';
import { PublicEvaluationsHttpController } from './interface/public-evaluations.http.controller';

/** Petitioners' satisfaction evaluations of decisions, and the centre's figures from them. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: EvaluationDocument.name, schema: EvaluationSchema }]),
    PetitionerAccessModule,
    ProgressModule,
  ],
  controllers: [PublicEvaluationsHttpController, EvaluationsHttpController],
  providers: [EvaluationRepository, EvaluationStates, SubmitEvaluationHandler, EvaluationReportsHandler],
  exports: [EvaluationStates, EvaluationRepository],
})
export class EvaluationsModule {}
