import mongoose from 'mongoose';

type Document = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Sort = Record<string, 1 | -1>;

/**
 * The stages of the plan the store picks for a query, outermost first, an index scan named by
 * its index: `['LIMIT', 'FETCH', 'IXSCAN(idempotencyKey_1)']`. Hot-query tests assert on it, so a
 * lost index or a query that stops matching one fails a test instead of slowing production.
 * Both MongoDB and the embedded store (decision 0010) answer `explain`.
 */
export async function queryPlan(
  mongoUrl: string,
  dbName: string,
  collection: string,
  filter: Document,
  options: { sort?: Sort; limit?: number } = {},
): Promise<string[]> {
  const client = await new mongoose.mongo.MongoClient(mongoUrl, { serverSelectionTimeoutMS: 10_000 }).connect();
  try {
    let cursor = client.db(dbName).collection(collection).find(filter);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.limit) cursor = cursor.limit(options.limit);
    const explained = await cursor.explain('queryPlanner');
    return planStages((explained as { queryPlanner?: { winningPlan?: Document } }).queryPlanner?.winningPlan);
  } finally {
    await client.close();
  }
}

/** Flattens a winning plan into its stage names, following every input stage. */
export function planStages(plan: Document | undefined): string[] {
  if (!plan) return [];
  const name = plan.stage === 'IXSCAN' ? `IXSCAN(${plan.indexName as string})` : String(plan.stage ?? plan.queryPlan?.stage ?? 'UNKNOWN');
  const inputs: Document[] = [
    ...(plan.inputStage ? [plan.inputStage as Document] : []),
    ...((plan.inputStages as Document[] | undefined) ?? []),
    ...(plan.queryPlan ? [plan.queryPlan as Document] : []),
  ];
  return [name, ...inputs.flatMap((p) => planStages(p))];
}
