export * from './choose-infrastructure';
export { findExecutable, isDockerAvailable } from './probes';
export * from './start-infrastructure';
export * from './started-infrastructure';
export * from './restartable-store';
