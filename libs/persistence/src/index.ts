export * from './outbox';
export * from './outbox-relay';
export * from './inbox';
export * from './sequence';
export * from './model-on';
export * from './transient-errors';
export * from './faults';
