import { missingAuth } from './missing-auth';
import { missingHealthcheck } from './missing-healthcheck';
import { missingTimeout } from './missing-timeout';
import { sharedDatabase } from './shared-database';
import { dependsOnWithoutCondition } from './depends-on-without-condition';
import { exposedDatabasePort } from './exposed-database-port';
import { unpinnedImage } from './unpinned-image';
import { missingResourceLimits } from './missing-resource-limits';
import { missingRestartPolicy } from './missing-restart-policy';
import { statefulService } from './stateful-service';
import { hardcodedSecret } from './hardcoded-secret';
import { retryWithoutBackoff } from './retry-without-backoff';
import { inMemoryState } from './in-memory-state';
import { missingCircuitBreaker } from './missing-circuit-breaker';
import { credentialsInQuery } from './credentials-in-query';
import { insecureServerUrl } from './insecure-server-url';
import { missingCorrelationId } from './missing-correlation-id';
import { missingErrorResponses } from './missing-error-responses';
import { missingHealthEndpoint } from './missing-health-endpoint';
import { missingIdempotencyKey } from './missing-idempotency-key';
import { missingPagination } from './missing-pagination';
import { missingRateLimit } from './missing-rate-limit';
import { unboundedInput } from './unbounded-input';
import { unversionedApi } from './unversioned-api';
import { singleReplica } from './single-replica';
import { renderError } from './render-error';
import { missingTracing } from './missing-tracing';
import { unstructuredLogging } from './unstructured-logging';
import { missingMetrics } from './missing-metrics';
import { prematureMicroservices } from './premature-microservices';
import { deepCallChain } from './deep-call-chain';
import { consumerWithoutDeadLetter } from './consumer-without-dead-letter';
import { unsafeAcknowledgement } from './unsafe-acknowledgement';
import { undocumentedRoute } from './undocumented-route';
import { unimplementedOperation } from './unimplemented-operation';
import { authNotEnforced } from './auth-not-enforced';
import { unsetEnvironmentVariable } from './unset-environment-variable';
import { unknownServiceHost } from './unknown-service-host';
import type { Rule } from './types';

/** Every rule, in catalogue order. Ids are unique (asserted by a test). */
export const RULES: readonly Rule[] = [
  missingAuth, missingHealthcheck, missingTimeout,
  // Compose rule pack (issue 4)
  sharedDatabase, dependsOnWithoutCondition, exposedDatabasePort, unpinnedImage, missingResourceLimits, missingRestartPolicy, statefulService,
  // Kubernetes (issue 13)
  singleReplica, renderError,
  // Service-code rule pack (issue 5)
  hardcodedSecret, retryWithoutBackoff, inMemoryState, missingCircuitBreaker,
  // OpenAPI rule pack (issue 3)
  credentialsInQuery, insecureServerUrl, unboundedInput, missingRateLimit, missingPagination, missingErrorResponses,
  missingIdempotencyKey, missingCorrelationId, missingHealthEndpoint, unversionedApi,
  // Observability and over-engineering (issue 17)
  missingTracing, unstructuredLogging, missingMetrics, prematureMicroservices, deepCallChain,
  // Asynchronous messaging (issue 17)
  consumerWithoutDeadLetter, unsafeAcknowledgement,
  // Code, specs and deployments against each other (issue 14)
  undocumentedRoute, unimplementedOperation, authNotEnforced,
  unsetEnvironmentVariable, unknownServiceHost,
];

const byId = new Map(RULES.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

export const RULE_IDS: ReadonlySet<string> = new Set(byId.keys());
