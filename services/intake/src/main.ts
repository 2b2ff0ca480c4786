import 'reflect-metadata';
import { runMain } from '@pdmc/platform';
import { startIntake } from './app';
import { IntakeConfig } from './config/intake.config';

runMain(IntakeConfig, startIntake);
