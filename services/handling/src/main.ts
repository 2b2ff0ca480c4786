import 'reflect-metadata';
import { runMain } from '@pdmc/platform';
import { startHandling } from './app';
import { HandlingConfig } from './config/handling.config';

runMain(HandlingConfig, startHandling);
