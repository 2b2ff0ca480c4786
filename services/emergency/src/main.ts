import 'reflect-metadata';
import { runMain } from '@pdmc/platform';
import { startEmergency } from './app';
import { EmergencyConfig } from './config/emergency.config';

runMain(EmergencyConfig, startEmergency);
