// The template service as the page speaks to it: its own origin, the session cookie (never the
// token, which is sent once, to sign in), JSON both ways.

export class ServiceError extends Error {
  constructor(status, message, body, headers) {
    super(message);
    this.status = status;
    this.body = body || {};
    this.headers = headers;
  }
}

async function call(method, path, { body, headers = {}, raw = false } = {}) {
  const sent = { method, headers: { ...headers }, credentials: "same-origin", cache: "no-store" };
  if (body !== undefined) {
    sent.headers["Content-Type"] = "application/json";
    sent.body = raw ? body : JSON.stringify(body);
  }
  const response = await fetch(path, sent);
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    throw new ServiceError(response.status, (data && data.error) || response.statusText, data, response.headers);
  }
  return { data, headers: response.headers };
}

const name = (template) => encodeURIComponent(template);
const etag = (version) => `"${version}"`;
const message = (text) => (text ? { "X-Message": text } : {});

export const api = {
  signIn: (token) => call("POST", "/v1/session", { headers: { Authorization: `Bearer ${token}` } }),
  signOut: () => call("DELETE", "/v1/session"),
  me: async () => (await call("GET", "/v1/me")).data,
  owners: async () => (await call("GET", "/v1/owners")).data.users,
  functions: async () => (await call("GET", "/v1/functions")).data.functions,
  templates: async () => (await call("GET", "/v1/templates")).data.templates,
  template: async (template) => {
    const { data, headers } = await call("GET", `/v1/templates/${name(template)}`);
    return {
      document: data,
      version: Number(headers.get("X-Template-Version") || 0),
      author: headers.get("X-Template-Author") || "",
      published: headers.get("X-Template-Updated") || "",
    };
  },
  history: async (template) => (await call("GET", `/v1/templates/${name(template)}/versions`)).data.versions,
  version: async (template, version) => (await call("GET", `/v1/templates/${name(template)}/versions/${version}`)).data,
  changes: async (template, from, to) =>
    (await call("GET", `/v1/templates/${name(template)}/changes?from=${from}&to=${to}`)).data.changes,
  effects: async (template, base, document) =>
    (await call("POST", `/v1/templates/${name(template)}/effects`, { body: document, headers: base ? { "If-Match": etag(base) } : {} }))
      .data.effects,
  publish: async (template, base, document, text) =>
    (await call("PUT", `/v1/templates/${name(template)}`, { body: document, headers: { "If-Match": etag(base), ...message(text) } })).data,
  proposals: async (template, all) =>
    (await call("GET", `/v1/templates/${name(template)}/proposals${all ? "?status=all" : ""}`)).data.proposals,
  proposal: async (id) => (await call("GET", `/v1/proposals/${id}`)).data,
  propose: async (template, base, document, text) =>
    (await call("POST", `/v1/templates/${name(template)}/proposals`, { body: document, headers: { "If-Match": etag(base), ...message(text) } }))
      .data,
  approve: async (id, text) => (await call("POST", `/v1/proposals/${id}/approve`, { headers: message(text) })).data,
  decline: async (id, reason) => (await call("POST", `/v1/proposals/${id}/decline`, { headers: message(reason) })).data,
  withdraw: async (id) => (await call("DELETE", `/v1/proposals/${id}`)).data,
};
