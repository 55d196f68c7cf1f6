/**
 * A browser as far as sign-in needs one: cookies per host name (not per port, as browsers keep
 * them), Set-Cookie with Max-Age/Expires honoured, redirects followed by hand (303/302 → GET),
 * and `Origin` on a POST like a browser's. Secure cookies are kept over http, as browsers do for
 * the loopback.
 */
export interface Hop {
  url: string;
  status: number;
  setCookies: string[];
}

export class Browser {
  private readonly jar = new Map<string, Map<string, string>>();
  /** Every request of the last `go`, with what it answered. */
  hops: Hop[] = [];
  /** Every request ever. */
  readonly history: Hop[] = [];
  /** The form posted last. */
  lastForm?: Record<string, string>;

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  /** One request, cookies in and out, no redirect followed. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const cookies = this.jar.get(target.hostname);
    const headers = new Headers(init.headers);
    if (cookies?.size)
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) this.store(target.hostname, line);
    this.hops.push({ url, status: response.status, setCookies });
    this.history.push({ url, status: response.status, setCookies });
    return response;
  }

  /** GET `url` (or POST a form), following redirects; the last answer. */
  async go(url: string, form?: Record<string, string>, extra: Record<string, string> = {}) {
    this.hops = [];
    if (form) this.lastForm = form;
    let response = await this.request(
      url,
      form
        ? {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              origin: new URL(url).origin,
              ...extra,
            },
            body: new URLSearchParams(form).toString(),
          }
        : { headers: extra },
    );
    let current = url;
    for (let i = 0; i < 10 && [301, 302, 303, 307].includes(response.status); i++) {
      current = new URL(response.headers.get('location')!, current).href;
      response = await this.request(current);
    }
    return { response, url: current, html: await response.text() };
  }

  private store(host: string, line: string): void {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const attr = (key: string) =>
      attributes.find((a) => a.toLowerCase().startsWith(`${key.toLowerCase()}=`))?.split('=')[1];
    const maxAge = attr('Max-Age');
    const expires = attr('Expires');
    const gone =
      (maxAge !== undefined && Number(maxAge) <= 0) ||
      (expires !== undefined && Date.parse(expires) <= Date.now());
    let cookies = this.jar.get(host);
    if (!cookies) this.jar.set(host, (cookies = new Map()));
    if (gone) cookies.delete(name);
    else cookies.set(name, value);
  }
}

/** The value of a form's action, or a field, in a page. */
export const formAction = (html: string): string | undefined =>
  /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
