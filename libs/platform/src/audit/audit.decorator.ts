import { SetMetadata } from '@nestjs/common';

export interface AuditSpec {
  /** What was done, e.g. `petition.register`, `petition.read_personal_data`. */
  action: string;
  /** The kind of object acted on, e.g. `petition`. */
  objectType: string;
  /** Where the object id is: a route parameter (`param:id`) or the response body (`body:id`). */
  objectId?: `param:${string}` | `body:${string}`;
}

export const AUDIT_METADATA = 'pdmc:audit';

/**
 * Declares that an endpoint is audited. State-changing requests (POST, PUT, PATCH, DELETE) are
 * audited even without it; reads are audited only when declared, which every read of personal
 * data must be.
 */
export const Audit = (spec: AuditSpec) => SetMetadata(AUDIT_METADATA, spec);
