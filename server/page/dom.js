// Building the page: every value, key, message and author goes in as text (textContent), never as
// markup, so a template value "<img src=x onerror=…>" shows as those characters.

/** An element: h("p", {class: "x"}, "text", child…). Attributes starting with "on" are listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = tag === "svg" || attributes.svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === "svg" || value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (name === "text") element.textContent = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, ...children);
  return element;
}

/** An SVG element (the chart). */
export function svg(tag, attributes = {}, ...children) {
  return h(tag, { ...attributes, svg: true }, ...children);
}

export function append(parent, ...children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(element) {
  while (element.firstChild) element.firstChild.remove();
  return element;
}

let unique = 0;
/** An id for tying a label or a hint to its field. */
export function newId(prefix) {
  unique += 1;
  return `${prefix}-${unique}`;
}
