import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseInfrastructure, InfrastructureFacts, INSTALL_HINTS } from './choose-infrastructure';
import { findExecutable } from './probes';
import { startInfrastructure } from './start-infrastructure';

const nothing: InfrastructureFacts = { env: {}, dockerAvailable: false };
const everything: InfrastructureFacts = {
  env: {},
  dockerAvailable: true,
  natsServerPath: '/usr/sbin/nats-server',
  pythonPath: '/usr/bin/python3',
  storePythonPath: '/repo/tools/secantus/.venv/bin/python',
};

describe('chooseInfrastructure', () => {
  it('uses MONGO_URL and NATS_URL when both are set, whatever else is available', () => {
    const choice = chooseInfrastructure({
      ...everything,
      env: { MONGO_URL: 'mongodb://db:27017/', NATS_URL: 'nats://bus:4222' },
    });
    expect(choice).toEqual({ source: 'env', mongoUrl: 'mongodb://db:27017/', natsUrl: 'nats://bus:4222' });
  });

  it('prefers Docker over local servers', () => {
    expect(chooseInfrastructure(everything)).toEqual({ source: 'testcontainers' });
  });

  it('starts local servers without Docker, installing SecantusDB when python3 is there', () => {
    expect(chooseInfrastructure({ ...everything, dockerAvailable: false })).toEqual({
      source: 'local',
      natsServerPath: '/usr/sbin/nats-server',
      store: { kind: 'install', pythonPath: '/usr/bin/python3' },
    });
  });

  it('uses an already installed SecantusDB when python3 is missing', () => {
    const choice = chooseInfrastructure({ ...everything, dockerAvailable: false, pythonPath: undefined });
    expect(choice).toMatchObject({ source: 'local', store: { kind: 'installed' } });
  });

  it('honours PDMC_TEST_INFRA=local even when Docker answers', () => {
    const choice = chooseInfrastructure({ ...everything, env: { PDMC_TEST_INFRA: 'local' } });
    expect(choice.source).toBe('local');
  });

  it('fails when PDMC_TEST_INFRA=testcontainers and Docker is missing', () => {
    const choice = chooseInfrastructure({ ...nothing, env: { PDMC_TEST_INFRA: 'testcontainers' } });
    expect(choice).toMatchObject({ source: 'unavailable', message: expect.stringMatching(/no Docker engine/) });
  });

  it('names everything to install when nothing is available', () => {
    const choice = chooseInfrastructure(nothing);
    expect(choice.source).toBe('unavailable');
    const message = choice.source === 'unavailable' ? choice.message : '';
    expect(message).toContain('Install the Debian package nats-server');
    expect(message).toContain('Python 3.10+');
    expect(message).toContain('or run a Docker engine, or set MONGO_URL and NATS_URL');
  });

  it('names only what is missing', () => {
    const choice = chooseInfrastructure({ ...nothing, pythonPath: '/usr/bin/python3' });
    expect(choice).toMatchObject({ source: 'unavailable' });
    const message = choice.source === 'unavailable' ? choice.message : '';
    expect(message).toContain(INSTALL_HINTS.natsServer);
    expect(message).not.toContain('Python 3.10+');
  });

  it('explains that one URL alone is not used', () => {
    const choice = chooseInfrastructure({ ...nothing, env: { MONGO_URL: 'mongodb://db:27017/' } });
    expect(choice).toMatchObject({ source: 'unavailable', message: expect.stringContaining('Only MONGO_URL is set') });
  });
});

describe('startInfrastructure on a machine without anything', () => {
  let emptyDir: string;

  beforeAll(() => {
    emptyDir = mkdtempSync(join(tmpdir(), 'pdmc-no-tools-'));
  });

  afterAll(() => {
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('finds no nats-server or python3 on an empty PATH', () => {
    expect(findExecutable('nats-server', emptyDir, [])).toBeUndefined();
    expect(findExecutable('python3', emptyDir, [])).toBeUndefined();
  });

  it('throws an error that says what to install instead of skipping', async () => {
    let dockerProbes = 0;
    const dockerProbe = async (): Promise<boolean> => {
      dockerProbes += 1;
      return false;
    };

    await expect(
      startInfrastructure({ env: { PATH: emptyDir }, extraDirs: [], repoRoot: emptyDir, dockerAvailable: dockerProbe }),
    ).rejects.toThrow(
      `Install ${INSTALL_HINTS.natsServer} and ${INSTALL_HINTS.python}, or run a Docker engine, or set MONGO_URL and NATS_URL.`,
    );
    expect(dockerProbes).toBe(1);
  });

  it('does not probe Docker when MONGO_URL and NATS_URL decide', async () => {
    let dockerProbes = 0;
    const dockerProbe = async (): Promise<boolean> => {
      dockerProbes += 1;
      return true;
    };

    const infra = await startInfrastructure({
      env: { PATH: emptyDir, MONGO_URL: 'mongodb://db:27017/', NATS_URL: 'nats://bus:4222' },
      extraDirs: [],
      repoRoot: emptyDir,
      dockerAvailable: dockerProbe,
    });

    expect(infra).toMatchObject({ source: 'env', mongoUrl: 'mongodb://db:27017/', natsUrl: 'nats://bus:4222' });
    expect(dockerProbes).toBe(0);
    await infra.stop();
  });
});
