// The template service as the page speaks to it: its own origin, the session cookie (never the
// token, which is sent once, to sign in), JSON both ways. Its routes and headers are the service's
// own table (routes.js, written at build time from core's route table).
import { headers, routes } from "./routes.js";

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

const etag = (version) => `"${version}"`;
const message = (text) => (text ? { [headers.message]: text } : {});

// The path of a route of the service's table with its {parameters} filled in order, each one segment.
function path(route, ...params) {
  let next = 0;
  return routes[route].pattern.replace(/\{[a-z]+\}/g, () => encodeURIComponent(String(params[next++])));
}

// A call of a route by its name: its method and path from the table.
const send = (route, params, options) => call(routes[route].method, path(route, ...params), options);

export const api = {
  signIn: (token) => send("session_open", [], { headers: { [headers.authorization]: `Bearer ${token}` } }),
  // A company account: the password goes to the service once, which asks the directory.
  signInWithAccount: (user, password) => send("session_open", [], { body: { user, password } }),
  health: async () => (await send("health", [])).data,
  signOut: () => send("session_close", []),
  me: async () => (await send("me", [])).data,
  owners: async () => (await send("owners", [])).data.users,
  functions: async () => (await send("functions", [])).data.functions,
  templates: async () => (await send("templates", [])).data.templates,
  template: async (template) => {
    const { data, headers: got } = await send("template_read", [template]);
    return {
      document: data,
      version: Number(got.get(headers.version) || 0),
      author: got.get(headers.author) || "",
      published: got.get(headers.updated) || "",
    };
  },
  history: async (template) => (await send("template_versions", [template])).data.versions,
  version: async (template, version) => (await send("template_version", [template, version])).data,
  changes: async (template, from, to) =>
    (await call(routes.template_changes.method, `${path("template_changes", template)}?from=${from}&to=${to}`)).data.changes,
  effects: async (template, base, document) =>
    (await send("template_effects", [template], { body: document, headers: base ? { [headers.ifMatch]: etag(base) } : {} })).data
      .effects,
  publish: async (template, base, document, text) =>
    (await send("template_publish", [template], { body: document, headers: { [headers.ifMatch]: etag(base), ...message(text) } }))
      .data,
  proposals: async (template, all) =>
    (await call(routes.proposals.method, `${path("proposals", template)}${all ? "?status=all" : ""}`)).data.proposals,
  proposal: async (id) => (await send("proposal_read", [id])).data,
  propose: async (template, base, document, text) =>
    (await send("proposal_create", [template], { body: document, headers: { [headers.ifMatch]: etag(base), ...message(text) } }))
      .data,
  approve: async (id, text) => (await send("proposal_approve", [id], { headers: message(text) })).data,
  decline: async (id, reason) => (await send("proposal_decline", [id], { headers: message(reason) })).data,
  withdraw: async (id) => (await send("proposal_withdraw", [id])).data,
};
