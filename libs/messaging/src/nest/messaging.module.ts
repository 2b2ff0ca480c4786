import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OnApplicationShutdown,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { Bus, type BusOptions } from '../core/bus';
import { JetStreamClient } from './jetstream.client';

/** Injection token of the connected, shared {@link Bus}. */
export const BUS: unique symbol = Symbol('pdmc.messaging.bus');

/** Injection token of a {@link JetStreamClient} over the shared bus. */
export const BUS_CLIENT: unique symbol = Symbol('pdmc.messaging.bus-client');

/** Options of {@link MessagingModule.forRoot}. */
export interface MessagingModuleOptions {
  bus: BusOptions;
  /** Timeout of `BUS_CLIENT.send()` requests. Default 5 s. */
  requestTimeoutMs?: number;
}

/** Options of {@link MessagingModule.forRootAsync}, for options that come from configuration. */
export interface MessagingModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  useFactory: (...args: never[]) => MessagingModuleOptions | Promise<MessagingModuleOptions>;
}

const MESSAGING_OPTIONS = Symbol('pdmc.messaging.options');

/**
 * Global module providing one connected {@link Bus} (`BUS`) for publishing and requests, and a
 * {@link JetStreamClient} over it (`BUS_CLIENT`). The connection is drained on application
 * shutdown, after the microservice transports have finished their in-flight messages.
 */
@Global()
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(@Inject(BUS) private readonly bus: Bus) {}

  /** Registers the module with static options. */
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return MessagingModule.build([{ provide: MESSAGING_OPTIONS, useValue: options }]);
  }

  /** Registers the module with options from a factory (e.g. a validated configuration). */
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      ...MessagingModule.build([
        { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
      ]),
      imports: options.imports ?? [],
    };
  }

  private static build(optionsProviders: DynamicModule['providers'] = []): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        ...optionsProviders,
        {
          provide: BUS,
          useFactory: (options: MessagingModuleOptions) => Bus.connect(options.bus),
          inject: [MESSAGING_OPTIONS],
        },
        {
          provide: BUS_CLIENT,
          useFactory: (bus: Bus, options: MessagingModuleOptions) =>
            new JetStreamClient({ bus, requestTimeoutMs: options.requestTimeoutMs }),
          inject: [BUS, MESSAGING_OPTIONS],
        },
      ],
      exports: [BUS, BUS_CLIENT],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.drain();
  }
}
