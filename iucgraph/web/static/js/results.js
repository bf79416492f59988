// Shared by the pages: SPARQL JSON results as an accessible table, local links for our IRIs,
// and reading the server's error bodies. Exposes window.IUC.
(function () {
  "use strict";
  const ID_BASE = "https://w3id.org/iucgraph/id/";
  const ONTOLOGY = "https://w3id.org/iucgraph/ontology";

  // Our resource IRIs open our own pages (/id/..., /ontology#...); others stay as they are.
  function localHref(iri) {
    if (iri.startsWith(ID_BASE)) return "/id/" + iri.slice(ID_BASE.length);
    if (iri === ONTOLOGY || iri.startsWith(ONTOLOGY + "#")) return "/ontology" + iri.slice(ONTOLOGY.length);
    return iri;
  }

  function shortName(iri, prefixes) {
    let best = null;
    for (const [p, ns] of Object.entries(prefixes || {})) {
      if (iri.startsWith(ns) && (!best || ns.length > best[1].length)) best = [p, ns];
    }
    return best ? best[0] + ":" + iri.slice(best[1].length) : iri;
  }

  function safeHref(href) {
    return /^(https?:|\/)/i.test(href) ? href : null; // never javascript: or data: links
  }

  function cell(term, prefixes) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const href = safeHref(localHref(term.value));
      const text = shortName(term.value, prefixes);
      if (href) {
        const a = document.createElement("a");
        a.href = href;
        a.textContent = text;
        a.title = term.value;
        td.appendChild(a);
      } else {
        td.textContent = term.value;
      }
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      const lang = term["xml:lang"];
      if (lang || term.datatype) {
        const tag = document.createElement("span");
        tag.className = "term-tag";
        tag.textContent = lang ? "@" + lang : shortName(term.datatype, prefixes);
        td.appendChild(document.createTextNode(" "));
        td.appendChild(tag);
      }
    }
    return td;
  }

  // Render SPARQL 1.1 JSON results (SELECT or ASK) into `container`; returns the row count.
  function renderResults(container, data, prefixes) {
    container.replaceChildren();
    if (typeof data.boolean === "boolean") {
      const p = document.createElement("p");
      p.className = "boolean";
      p.textContent = data.boolean ? "true" : "false";
      container.appendChild(p);
      return 1;
    }
    const vars = (data.head && data.head.vars) || [];
    const rows = (data.results && data.results.bindings) || [];
    const table = document.createElement("table");
    table.className = "results";
    const thead = table.createTHead();
    const tr = thead.insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = v;
      tr.appendChild(th);
    }
    const tbody = table.createTBody();
    for (const row of rows) {
      const r = tbody.insertRow();
      for (const v of vars) r.appendChild(cell(row[v], prefixes));
    }
    container.appendChild(table);
    return rows.length;
  }

  // A readable message from an error response (JSON from our server, or text).
  async function errorMessage(resp) {
    const text = await resp.text();
    let message = text.trim();
    try {
      const body = JSON.parse(text);
      message = body.message || body.error || message;
      if (body.line) message += ` (line ${body.line}${body.column ? ", column " + body.column : ""})`;
    } catch (e) {
      /* plain text body */
    }
    let kind = "Error";
    if (resp.status === 400) kind = "Query error";
    else if (resp.status === 503 || resp.status === 504) kind = "Timeout or overload";
    else if (resp.status === 429) kind = "Too many requests";
    else if (resp.status === 413 || resp.status === 414) kind = "Query too large";
    const retry = resp.headers.get("Retry-After");
    return `${kind} (HTTP ${resp.status}): ${message}` + (retry ? ` Try again in ${retry} s.` : "");
  }

  function readJSON(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent || "{}") : {};
  }

  window.IUC = { localHref, shortName, renderResults, errorMessage, readJSON, safeHref };
})();
