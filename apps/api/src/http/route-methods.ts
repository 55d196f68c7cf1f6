import { METHODS } from 'node:http';

/** The methods the application's routes serve at a path (for 405 and its Allow header). */
export type AllowedMethods = (path: string) => string[];

interface RouteLayer {
  route?: { _methods(includeAll?: boolean): string[] };
  matchers?: Array<(path: string) => unknown>;
}

/**
 * Reads the Express router that Nest registered every route in (`app.getHttpAdapter()
 * .getInstance()`), so the answer covers every route — documented or not — exactly as Express
 * will match it. Asked only once a request has matched no route.
 */
export function routeMethodsOf(expressApp: object): AllowedMethods {
  return (path) => {
    const router: unknown = Reflect.get(expressApp, 'router');
    const stack: unknown = router && Reflect.get(router, 'stack');
    if (!Array.isArray(stack)) return [];
    const methods = new Set<string>();
    for (const layer of stack as RouteLayer[]) {
      if (!layer.route || !layer.matchers?.some((match) => matches(match, path))) continue;
      const served = layer.route._methods(true);
      // Middleware that Nest binds to paths (`app.all`) answers every method: not a resource.
      if (served.includes('*') || served.length >= METHODS.length) continue;
      for (const method of served) methods.add(method);
    }
    return [...methods];
  };
}

function matches(match: (path: string) => unknown, path: string): boolean {
  try {
    return Boolean(match(path));
  } catch {
    return false; // a malformed escape in the path: no route of ours
  }
}
