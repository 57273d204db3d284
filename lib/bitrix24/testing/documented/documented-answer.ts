/** JSON as Bitrix24 sends it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * One answer the official REST docs print for a method: the HTTP status and the body, with the
 * page it comes from (a path in bitrix24/b24restdocs). `note` says what the docs leave out.
 */
export type DocumentedAnswer = { source: string; status: number; note?: string; body: Json };

/** A post Bitrix24 makes to an event handler, as its docs print it. */
export type DocumentedPost = { source: string; payload: Json };
