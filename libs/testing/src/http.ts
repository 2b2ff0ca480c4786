/** What {@link http} helpers resolve with; no status is treated as an error. */
export interface HttpResponse<T = unknown> {
  status: number;
  /** Parsed JSON when the server says it is JSON, else the text ('' when empty). */
  body: T;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
}

/** One helper per HTTP method: `(path, body?, headers?)`. */
export type HttpMethodHelper = <T = unknown>(
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<HttpResponse<T>>;

/** The helpers returned by {@link http}. */
export interface HttpClient {
  get: HttpMethodHelper;
  post: HttpMethodHelper;
  put: HttpMethodHelper;
  patch: HttpMethodHelper;
  delete: HttpMethodHelper;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Small JSON client around Node's global `fetch` for calling a service under test.
 *
 * Objects are sent as JSON, strings as they are. `defaultHeaders` (e.g. a bearer token) go
 * with every request; per-call headers override them. Every status resolves (tests
 * assert on it); only network failures and timeouts reject.
 */
export function http(baseUrl: string, defaultHeaders: Record<string, string> = {}): HttpClient {
  const base = baseUrl.replace(/\/+$/, '');
  const helper =
    (method: string): HttpMethodHelper =>
    async <T>(path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const requestHeaders: Record<string, string> = { accept: 'application/json', ...defaultHeaders, ...headers };
      let payload: string | undefined;
      if (body !== undefined) {
        if (typeof body === 'string') {
          payload = body;
        } else {
          payload = JSON.stringify(body);
          if (!Object.keys(requestHeaders).some((name) => name.toLowerCase() === 'content-type')) {
            requestHeaders['content-type'] = 'application/json';
          }
        }
      }
      const url = `${base}${path.startsWith('/') ? path : `/${path}`}`;
      const response = await fetch(url, {
        method,
        headers: requestHeaders,
        body: payload,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      const isJson = /\bjson\b/i.test(response.headers.get('content-type') ?? '');
      return {
        status: response.status,
        body: (isJson && text !== '' ? JSON.parse(text) : text) as T,
        headers: Object.fromEntries(response.headers.entries()),
      };
    };

  return {
    get: helper('GET'),
    post: helper('POST'),
    put: helper('PUT'),
    patch: helper('PATCH'),
    delete: helper('DELETE'),
  };
}

/**
 * What a response view looks like after JSON: dates become ISO strings, the rest keeps its
 * shape. Tests read answers as `api.get<AsJson<SomeView>>(...)` with the view type the service
 * exports, instead of declaring the shape again.
 */
export type AsJson<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? AsJson<U>[]
    : T extends object
      ? { [K in keyof T]: AsJson<T[K]> }
      : T;
