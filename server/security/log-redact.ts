// pino `redact`: session tokens, gate keys and passwords never reach the log, even if a later change
// logs a request's headers or body.
export const LOG_REDACT = {
  paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'req.body.password', 'body.password', 'password', 'token'],
  censor: '[redacted]',
};
