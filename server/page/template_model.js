// A template as the page shows it: its values by owner group, each with what the catalog says of
// the key (the argument it feeds, whether it is a share shown as a percent), and a draft of edits.

/** The group a top-level key belongs to: a key holding an object is a group of its own; every
 *  other key belongs to "template" (the service's rule, sharing.hpp). */
export function groupOf(document, key) {
  const value = document[key];
  return value !== null && typeof value === "object" && !Array.isArray(value) ? key : "template";
}

/** Every leaf of a template: {key, value, group}; objects are followed, a list is one value. */
export function leaves(document) {
  const out = [];
  const walk = (node, key, group) => {
    if (node !== null && typeof node === "object" && !Array.isArray(node)) {
      for (const [child, value] of Object.entries(node)) walk(value, key ? `${key}.${child}` : child, group);
      return;
    }
    out.push({ key, value: node, group });
  };
  for (const [top, value] of Object.entries(document)) walk(value, top, groupOf(document, top));
  return out;
}

// The catalog is read once a session: its key table is made once for it, not once a row.
const madeFor = new WeakMap();

/** What the catalog says of each published key: {key: {description, share, plausible, argument}}.
 *  A list key ("funnel.rates") stands for each of its members ("funnel.rates.visit_to_demo"). */
export function keyInfo(functions) {
  if (madeFor.has(functions)) return madeFor.get(functions);
  const info = {};
  for (const f of functions) {
    for (const a of f.arguments) {
      if (!a.published_as || info[a.published_as]) continue;
      info[a.published_as] = { description: a.description, summary: a.summary, default: a.default, share: Boolean(a.share), unit: a.unit,
                               plausible: a.plausible, argument: a.name, function: f.name };
    }
  }
  madeFor.set(functions, info);
  return info;
}

export function infoFor(info, key) {
  if (info[key]) return info[key];
  const parent = key.slice(0, key.lastIndexOf("."));
  return parent && info[parent] ? info[parent] : undefined;
}

/** True when the key holds a share (a rate, shown as a percent), as the catalog's functions say. */
export function holdsShare(functions, key) {
  return Boolean((infoFor(keyInfo(functions), key) || {}).share);
}

/** A copy of the document with `key` (dotted) set to `value`. */
export function withValue(document, key, value) {
  const copy = structuredClone(document);
  const parts = key.split(".");
  let node = copy;
  for (const part of parts.slice(0, -1)) node = node[part];
  node[parts[parts.length - 1]] = value;
  return copy;
}

export function valueAt(document, key) {
  let node = document;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object" || !(part in node)) return undefined;
    node = node[part];
  }
  return node;
}

/** The keys whose values differ between two documents (leaves, as leaves() sees them). */
export function changedKeys(before, after) {
  const a = new Map(leaves(before).map((leaf) => [leaf.key, JSON.stringify(leaf.value)]));
  const b = new Map(leaves(after).map((leaf) => [leaf.key, JSON.stringify(leaf.value)]));
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((key) => a.get(key) !== b.get(key)).sort();
}

/** The groups a draft changes (ownership is judged on them). */
export function touchedGroups(before, after) {
  const groups = new Set();
  for (const key of changedKeys(before, after)) {
    const top = key.split(".")[0];
    groups.add(groupOf(top in after ? after : before, top));
  }
  return [...groups].sort();
}

/** `latest` with the keys `mine` changed from `base` carried over (an owner's edit on top of a
 *  version someone published first). */
export function reapply(base, mine, latest) {
  let merged = structuredClone(latest);
  for (const key of changedKeys(base, mine)) {
    const value = valueAt(mine, key);
    if (value !== undefined) merged = withValue(merged, key, value);
  }
  return merged;
}

/** `current` with the given groups as `old` has them (a group `old` lacks is removed; the group
 *  "template" is its top-level keys that hold no object): a revert of some groups only. */
export function withGroupsFrom(current, old, groups) {
  const result = structuredClone(current);
  const tops = new Set([...Object.keys(current), ...Object.keys(old)]);
  for (const top of tops) {
    if (!groups.includes(groupOf(top in old ? old : current, top))) continue;
    if (top in old) result[top] = structuredClone(old[top]);
    else delete result[top];
  }
  return result;
}

/** The groups a change from `before` to `after` touches, split by whether `me` owns them. */
export function groupsByOwner(me, before, after) {
  const touched = touchedGroups(before, after);
  return { mine: touched.filter((group) => owns(me, group)), others: touched.filter((group) => !owns(me, group)) };
}

/** Who owns a group (a user owning "*" owns every group), each as `named(name, user)` says
 *  them; empty when nobody does. */
export function ownerNames(users, group, named = (name) => name) {
  return users.filter((user) => user.owns.includes(group) || user.owns.includes("*")).map((user) => named(user.name, user));
}

/** The owners of each group, from the users the service lists. */
export function ownersOf(users) {
  const owners = {};
  for (const user of users) {
    for (const group of user.owns) (owners[group] = owners[group] || []).push(user.name);
  }
  return owners;
}

export function owns(me, group) {
  return Boolean(me) && (me.owns.includes("*") || me.owns.includes(group));
}
