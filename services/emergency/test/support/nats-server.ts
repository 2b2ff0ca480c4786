import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';

/** A nats-server of this test's own, with users and permissions (the shared one has none). */
export interface NatsServer {
  url: string;
  /** The server's "Publish Violation" / "Subscription Violation" log lines so far. */
  violations: string[];
  stop(): Promise<void>;
}

function natsServerBinary(): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  const found = dirs.filter(Boolean).map((dir) => join(dir, 'nats-server')).find((path) => existsSync(path));
  if (!found) throw new Error('this test starts a nats-server: install the Debian package nats-server');
  return found;
}

/** Starts nats-server with `config` (rendered with port -1) and resolves once it is ready. */
export async function startNatsServer(dir: string, config: string): Promise<NatsServer> {
  const file = join(dir, 'nats.conf');
  await writeFile(file, config, { mode: 0o600 });
  const child = spawn(natsServerBinary(), ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const violations: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    let port: string | undefined;
    const timer = setTimeout(() => reject(new Error(`nats-server did not start:\n${output.join('\n')}`)), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`nats-server exited (${code}):\n${output.join('\n')}`));
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (/ - (Publish|Subscription) Violation - /.test(line)) violations.push(line);
        port ??= /Listening for client connections on [^\s]+:(\d+)/.exec(line)?.[1];
        if (port && line.includes('Server is ready')) {
          clearTimeout(timer);
          resolve(`nats://127.0.0.1:${port}`);
        }
      });
    }
  });
  return {
    url,
    violations,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
