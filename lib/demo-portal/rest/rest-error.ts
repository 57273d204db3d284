/** A REST failure the demo portal answers with: status plus Bitrix24's `{error, error_description}`. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

export const notFound = (description = 'Not found') => new RestError(404, 'ERROR_METHOD_NOT_FOUND', description);
