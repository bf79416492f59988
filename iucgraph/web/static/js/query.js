// /query: run the editor's query against /sparql, show rows, errors, truncation; keep the
// permalink and the download links in step with the text.
(function () {
  "use strict";
  const form = document.getElementById("query-form");
  const textarea = document.getElementById("query-text");
  const status = document.getElementById("status");
  const message = document.getElementById("message");
  const results = document.getElementById("results-table");
  const permalink = document.getElementById("permalink");
  const prefixes = {};
  for (const b of document.querySelectorAll("#prefix-list button.prefix")) {
    prefixes[b.dataset.prefix] = b.dataset.namespace;
  }
  let editor = null;
  const text = () => (editor ? editor.getValue() : textarea.value);

  function updateLinks() {
    const q = text();
    permalink.href = "/query?" + new URLSearchParams({ query: q }).toString();
    for (const a of document.querySelectorAll("#downloads a[data-format]")) {
      a.href = "/sparql?" + new URLSearchParams({ query: q, format: a.dataset.format }).toString();
    }
  }

  function showError(msg) {
    message.hidden = false;
    message.className = "error";
    message.textContent = msg;
  }

  async function run() {
    const q = text();
    updateLinks();
    history.replaceState(null, "", permalink.href);
    message.hidden = true;
    status.textContent = "Running…";
    results.replaceChildren();
    const started = performance.now();
    let resp;
    try {
      resp = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, application/json;q=0.9, text/turtle;q=0.8",
        },
        body: new URLSearchParams({ query: q }),
      });
    } catch (e) {
      status.textContent = "Failed.";
      showError("The server could not be reached: " + e.message);
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!resp.ok) {
      status.textContent = `Failed after ${seconds} s.`;
      showError(await IUC.errorMessage(resp));
      return;
    }
    const type = resp.headers.get("Content-Type") || "";
    const truncated = resp.headers.get("X-IUC-Truncated") === "true";
    let count;
    if (type.includes("json")) {
      count = IUC.renderResults(results, await resp.json(), prefixes);
    } else {
      const pre = document.createElement("pre");
      pre.className = "graph-result";
      pre.textContent = await resp.text();
      results.appendChild(pre);
      count = Number(resp.headers.get("X-IUC-Row-Count") || "0");
    }
    status.textContent = `${count} result${count === 1 ? "" : "s"} in ${seconds} s.`;
    if (truncated) {
      message.hidden = false;
      message.className = "warning";
      message.textContent =
        `Truncated: the server's row cap cut the result at ${count} rows. ` +
        "Add LIMIT/OFFSET or narrow the query to see the rest.";
    }
  }

  if (window.IUCEditor) {
    editor = window.IUCEditor.create(textarea, { prefixes, onRun: run });
    editor.view.dom.addEventListener("keyup", updateLinks);
  } else {
    textarea.addEventListener("keydown", (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
        e.preventDefault();
        run();
      }
    });
  }
  textarea.addEventListener("input", updateLinks);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  for (const b of document.querySelectorAll("#prefix-list button.prefix")) {
    b.addEventListener("click", () => {
      if (editor) {
        editor.addPrefix(b.dataset.prefix, b.dataset.namespace);
        editor.focus();
      } else if (!new RegExp("PREFIX\\s+" + b.dataset.prefix + ":", "i").test(textarea.value)) {
        textarea.value = `PREFIX ${b.dataset.prefix}: <${b.dataset.namespace}>\n` + textarea.value;
      }
      updateLinks();
    });
  }
  for (const a of document.querySelectorAll("#downloads a")) a.addEventListener("focus", updateLinks);
  for (const a of document.querySelectorAll("#downloads a")) a.addEventListener("mousedown", updateLinks);
  if (new URLSearchParams(location.search).has("query")) run();
})();
