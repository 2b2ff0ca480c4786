import type { Connection, Model, Schema } from 'mongoose';

/**
 * The connection's model of that name, registering it on first use. Lets classes built outside
 * Nest's MongooseModule (inbox, sequences, audit log) share one model per connection.
 */
export function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}
