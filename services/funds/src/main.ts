import 'reflect-metadata';
import { runMain } from '@pdmc/platform';
import { startFunds } from './app';
import { FundsConfig } from './config/funds.config';

runMain(FundsConfig, startFunds);
