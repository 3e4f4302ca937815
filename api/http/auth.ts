import { createHash, timingSafeEqual } from 'node:crypto';
import { type RequestHandler } from 'express';
import { type Secret } from '../../config/secret';
import { HttpError } from '../errors';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Requires `Authorization: Bearer <API key>`. Both keys are hashed to 32 bytes before a constant-time
 * comparison, so neither the key's characters nor its length leak through timing.
 */
export function requireApiKey(key: Secret): RequestHandler {
  const expected = digest(key.reveal());
  return (req, res, next) => {
    const match = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '');
    const given = digest(match?.[1] ?? '');
    if (match && timingSafeEqual(given, expected)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="ai-trading-desk"');
    next(
      new HttpError(
        401,
        'unauthorized',
        match
          ? 'The API key is wrong.'
          : 'Send the API key as "Authorization: Bearer <key>" (API_KEY, or the key in DATA_DIR/api-key).',
      ),
    );
  };
}
