import type { StartedTestContainer } from 'testcontainers';
import type { StartedInfrastructure } from './started-infrastructure';

/**
 * Starts `mongo:7` and `nats:2.10 -js` in Docker. Testcontainers' reaper removes
 * the containers if this process dies before `stop()`.
 */
export async function startTestcontainersStack(): Promise<StartedInfrastructure> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const results = await Promise.allSettled([
    new GenericContainer('mongo:7')
      .withExposedPorts(27017)
      .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
      .start(),
    new GenericContainer('nats:2.10')
      .withCommand(['-js'])
      .withExposedPorts(4222)
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start(),
  ]);
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await Promise.allSettled(started.map((container) => container.stop()));
    throw new Error(`Could not start the Docker test containers: ${String(failure.reason)}`, { cause: failure.reason });
  }

  const [mongo, nats] = started as [StartedTestContainer, StartedTestContainer];
  let stopping: Promise<void> | undefined;
  return {
    source: 'testcontainers',
    mongoUrl: `mongodb://${mongo.getHost()}:${mongo.getMappedPort(27017)}/`,
    natsUrl: `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`,
    stop: () =>
      (stopping ??= Promise.all([mongo.stop(), nats.stop()]).then(() => undefined)),
  };
}
