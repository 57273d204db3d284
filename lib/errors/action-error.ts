/** An expected refusal from a server action's handler (last admin, e-mail taken, …), shown to the user. */
export class ActionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'ActionError';
  }
}
