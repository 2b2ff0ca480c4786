import 'reflect-metadata';
import { runMain } from '@pdmc/platform';
import { startRouting } from './app';
import { RoutingConfig } from './config/routing.config';

runMain(RoutingConfig, startRouting);
