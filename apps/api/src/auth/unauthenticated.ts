/** No valid credentials: HTTP 401 with `WWW-Authenticate: Bearer`. */
export class Unauthenticated extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'Unauthenticated';
  }
}
