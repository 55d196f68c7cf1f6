/**
 * The principal may see the resource but not do this to it: HTTP 403. (What a principal may not
 * see at all answers 404, as if it did not exist: `StreamNotFound`.)
 */
export class AccessDenied extends Error {
  constructor(readonly useCase: string) {
    super(`not allowed: ${useCase}`);
    this.name = 'AccessDenied';
  }
}
