import type { DocumentedAnswer } from './documented-answer';

/**
 * The errors any method may answer: the table of b24restdocs `_includes/system-errors.md`
 * (status, code, message), plus OPERATION_TIME_LIMIT from `settings/performance/limits.md`. The
 * docs print a table, not bodies: each body is the documented `{error, error_description}` shape
 * (`error-codes.md`) with the code and the message of its row.
 */
const systemErrors = '_includes/system-errors.md';

function systemError(status: number, error: string, description: string, source = systemErrors): DocumentedAnswer {
  return { source, status, body: { error, error_description: description } };
}

export const internalServerError = systemError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
export const unexpectedAnswer = systemError(500, 'ERROR_UNEXPECTED_ANSWER', 'Server returned an unexpected response');
export const queryLimitExceeded = systemError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests');
export const batchMethodNotAllowed = systemError(
  405,
  'ERROR_BATCH_METHOD_NOT_ALLOWED',
  'Method is not allowed for batch usage',
);
export const batchLengthExceeded = systemError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded');
export const noAuthFound = systemError(401, 'NO_AUTH_FOUND', 'Wrong authorization data');
export const httpsRequired = systemError(400, 'INVALID_REQUEST', 'Https required');
export const overloadLimit = systemError(503, 'OVERLOAD_LIMIT', 'REST API is blocked due to overload');
export const restOnCommercialPlans = systemError(
  403,
  'ACCESS_DENIED',
  'REST API is available only on commercial plans',
);
export const invalidCredentials = systemError(403, 'INVALID_CREDENTIALS', 'Invalid request credentials');
export const manifestNotAvailable = systemError(404, 'ERROR_MANIFEST_IS_NOT_AVAILABLE', 'Manifest is not available');
export const insufficientScope = systemError(
  403,
  'insufficient_scope',
  'The request requires higher privileges than provided by the webhook token',
);
export const expiredToken = systemError(401, 'expired_token', 'The access token provided has expired');
export const userAccessError = systemError(
  403,
  'user_access_error',
  'The user does not have access to the application',
);
export const portalDeleted = systemError(500, 'PORTAL_DELETED', 'Portal was deleted');
/** No `time` block: the docs tell to take the reset from the last successful answer. */
export const operationTimeLimit = systemError(
  429,
  'OPERATION_TIME_LIMIT',
  'Accumulated method execution time has exceeded the limit for the application or webhook',
  'settings/performance/limits.md',
);

export const documentedSystemErrors = [
  internalServerError,
  unexpectedAnswer,
  queryLimitExceeded,
  batchMethodNotAllowed,
  batchLengthExceeded,
  noAuthFound,
  httpsRequired,
  overloadLimit,
  restOnCommercialPlans,
  invalidCredentials,
  manifestNotAvailable,
  insufficientScope,
  expiredToken,
  userAccessError,
  portalDeleted,
  operationTimeLimit,
];
