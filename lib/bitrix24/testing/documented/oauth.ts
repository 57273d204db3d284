import type { DocumentedAnswer } from './documented-answer';

/**
 * The OAuth server (oauth.bitrix.info): the token answers and its error.
 * Transcribed from the example answers of the official REST docs (bitrix24/b24restdocs); each
 * `source` is the page. Values as the docs print them; where they elide a value its structure stays.
 */

/** grant_type=authorization_code: `domain` is the OAuth server, the portal is in client_endpoint. */
export const oauthAuthorizationCode: DocumentedAnswer = {
  source: 'settings/oauth/index.md',
  status: 200,
  body: {
    access_token: 's1morf609228iwyjjpvfv6wsvuja4p8u',
    client_endpoint: 'https://portal.bitrix24.com/rest/',
    domain: 'oauth.bitrix.info',
    expires_in: 3600,
    member_id: 'a223c6b3710f85df22e9377d6c4f7553',
    refresh_token: '4f9k4jpmg13usmybzuqknt2v9fh0q6rl',
    scope: 'crm,entity,im,task',
    server_endpoint: 'https://oauth.bitrix.info/rest/',
    status: 'F',
  },
};

/** grant_type=refresh_token: a new pair; the refresh token is replaced. */
export const oauthRefresh: DocumentedAnswer = {
  source: 'settings/oauth/auto-renewal.md',
  status: 200,
  body: {
    access_token: 'ydtj8pho532wydb5ixk78ol7uqlb7sch',
    client_endpoint: 'https://portal.bitrix24.com/rest/',
    domain: 'oauth.bitrix.info',
    expires: 1780319382,
    expires_in: 3600,
    member_id: 'a223c6b3710f85df22e9377d6c4f7553',
    refresh_token: '3s6lr4kr3cv2od4v853gvrchb875bwxb',
    scope: 'crm,entity,im,task',
    server_endpoint: 'https://oauth.bitrix.info/rest/',
    status: 'F',
    user_id: 67,
  },
};

/** The trial or paid period of the app has ended; the docs give no HTTP status. */
export const oauthPaymentRequired: DocumentedAnswer = {
  source: 'settings/oauth/error-codes.md',
  status: 400,
  body: {
    error: 'PAYMENT_REQUIRED',
    error_description: 'Payment required',
  },
};
