// /network: draw /api/network/<view>?format=cytoscape with Cytoscape.js; size nodes by a
// metric from /api/network/<view>/metrics; keep the export links in step with the filters.
(function () {
  "use strict";
  const form = document.getElementById("network-form");
  const status = document.getElementById("network-status");
  const message = document.getElementById("message");
  const container = document.getElementById("cy");
  const legend = document.getElementById("legend");
  const list = document.getElementById("node-list");
  const FILTERS = ["theme", "sdg", "region", "year"];
  const state = { cy: null, nodes: 0, edges: 0, ready: false };
  window.IUCNetwork = state;

  function filterParams() {
    const data = new FormData(form);
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const v = data.get(name);
      if (v) params.set(name, v);
    }
    return params;
  }

  function updateExports(view, params) {
    for (const a of document.querySelectorAll("#exports a[data-format]")) {
      const p = new URLSearchParams(params);
      p.set("format", a.dataset.format);
      a.href = `/api/network/${view}?${p}`;
    }
    const m = new URLSearchParams(params);
    m.set("format", "csv");
    document.getElementById("export-metrics").href = `/api/network/${view}/metrics?${m}`;
  }

  function pageOf(node) {
    const iri = node.data("iri") || node.id();
    return IUC.safeHref(IUC.localHref(iri));
  }

  function fillLegend(nodes) {
    const seen = new Map();
    for (const n of nodes) {
      const key = n.data("legend");
      if (!seen.has(key)) seen.set(key, n.data("colour"));
    }
    legend.replaceChildren();
    for (const [name, colour] of [...seen.entries()].sort()) {
      const li = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = colour;
      li.append(swatch, document.createTextNode(" " + (name || "other")));
      legend.appendChild(li);
    }
  }

  function fillList(nodes) {
    list.replaceChildren();
    const sorted = [...nodes].sort((a, b) => String(a.data("label")).localeCompare(b.data("label")));
    for (const n of sorted) {
      const li = document.createElement("li");
      const href = pageOf(n);
      const a = document.createElement(href ? "a" : "span");
      if (href) a.href = href;
      a.textContent = n.data("label") || n.id();
      li.appendChild(a);
      li.appendChild(document.createTextNode(` (${n.data("kind") || "node"}, degree ${n.degree()})`));
      list.appendChild(li);
    }
  }

  function legendName(data, colourBy) {
    if (colourBy === "community") return "community " + (data.community ?? "");
    if (colourBy === "region" && data.kind === "city" && data.region) return String(data.region).split("; ")[0];
    return data.kind || "";
  }

  async function draw() {
    const data = new FormData(form);
    const view = data.get("view") || "pairings";
    const metric = data.get("size") || "degree";
    const colourBy = data.get("colour") || "region";
    const params = filterParams();
    updateExports(view, params);
    const shown = new URLSearchParams(params);
    shown.set("view", view);
    shown.set("size", metric);
    shown.set("colour", colourBy);
    history.replaceState(null, "", "/network?" + shown);
    state.ready = false;
    message.hidden = true;
    status.textContent = "Loading the network…";
    const g = new URLSearchParams(params);
    g.set("format", "cytoscape");
    g.set("colour", colourBy);
    let graph, metrics;
    try {
      const [gr, mr] = await Promise.all([
        fetch(`/api/network/${view}?${g}`, { headers: { Accept: "application/json" } }),
        fetch(`/api/network/${view}/metrics?${params}`, { headers: { Accept: "application/json" } }),
      ]);
      if (!gr.ok) throw new Error(await IUC.errorMessage(gr));
      if (!mr.ok) throw new Error(await IUC.errorMessage(mr));
      graph = await gr.json();
      metrics = await mr.json();
    } catch (e) {
      status.textContent = "The network could not be drawn.";
      message.hidden = false;
      message.className = "error";
      message.textContent = e.message;
      return;
    }
    const values = new Map(metrics.nodes.map((n) => [n.id, Number(n[metric]) || 0]));
    const max = Math.max(1e-9, ...values.values());
    const elements = graph.elements;
    for (const n of elements.nodes) {
      const v = values.get(n.data.id) || 0;
      n.data.vsize = 12 + 38 * Math.sqrt(v / max);
      n.data.legend = legendName(n.data, colourBy);
      n.data.colour = n.data.colour || "#999999";
      n.data.label = n.data.label || n.data.name || n.data.id;
    }
    if (state.cy) state.cy.destroy();
    const cy = cytoscape({
      container,
      elements,
      layout: { name: "preset", fit: true, padding: 20 },
      wheelSensitivity: 0.3,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(colour)",
            width: "data(vsize)",
            height: "data(vsize)",
            label: "data(label)",
            "font-size": 10,
            "text-valign": "bottom",
            "text-margin-y": 2,
            color: "#222",
          },
        },
        { selector: "edge", style: { width: 1.5, "line-color": "#8a9bb0", "curve-style": "bezier" } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#000" } },
      ],
    });
    cy.on("tap", "node", (evt) => {
      const href = pageOf(evt.target);
      if (href) window.location.href = href;
    });
    state.cy = cy;
    state.nodes = cy.nodes().length;
    state.edges = cy.edges().length;
    container.dataset.nodes = String(state.nodes);
    container.dataset.edges = String(state.edges);
    fillLegend(cy.nodes());
    fillList(cy.nodes());
    status.textContent = `${state.nodes} nodes, ${state.edges} edges (view: ${view}; size: ${metric.replace("_", " ")}; colour: ${colourBy}).`;
    state.ready = true;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    draw();
  });
  draw();
})();
