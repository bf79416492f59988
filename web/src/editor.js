// The SPARQL editor of /query: CodeMirror 6 with the SPARQL mode, prefix completion and
// Ctrl+Enter to run. Bundled by tools/vendor_assets.py (esbuild) into
// iucgraph/web/static/vendor/codemirror.bundle.js, which exposes window.IUCEditor.
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { Prec } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { autocompletion } from "@codemirror/autocomplete";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";

function declared(doc) {
  const found = new Set();
  const re = /^\s*PREFIX\s+([A-Za-z][\w-]*)?:/gim;
  let m;
  while ((m = re.exec(doc)) !== null) found.add(m[1] || "");
  return found;
}

function declarationText(prefix, ns) {
  return `PREFIX ${prefix}: <${ns}>\n`;
}

// Insert the PREFIX line for `prefix` at the top unless the query declares it already.
function ensurePrefix(view, prefix, ns) {
  const doc = view.state.doc.toString();
  if (declared(doc).has(prefix)) return false;
  // After the last PREFIX/BASE line at the top, else at the very start.
  const re = /^\s*(PREFIX|BASE)\b.*$/gim;
  let end = 0;
  let m;
  while ((m = re.exec(doc)) !== null) end = m.index + m[0].length + 1;
  end = Math.min(end, doc.length);
  view.dispatch({ changes: { from: end, insert: declarationText(prefix, ns) } });
  return true;
}

function prefixCompletions(prefixes) {
  return (context) => {
    const word = context.matchBefore(/[A-Za-z][\w-]*:?[\w-]*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, word.from - line.from);
    const afterPrefixKeyword = /PREFIX\s+$/i.test(before);
    const options = Object.entries(prefixes).map(([p, ns]) =>
      afterPrefixKeyword
        ? { label: `${p}:`, detail: ns, type: "namespace", apply: `${p}: <${ns}>` }
        : {
            label: `${p}:`,
            detail: ns,
            type: "namespace",
            apply: (view, completion, from, to) => {
              view.dispatch({ changes: { from, to, insert: `${p}:` } });
              ensurePrefix(view, p, ns);
            },
          },
    );
    return { from: word.from, options, validFor: /^[\w-]*:?$/ };
  };
}

// The page's CSP nonce for CodeMirror's <style> element (see iucgraph/web/ui.py).
function cspNonce() {
  const meta = document.querySelector('meta[name="csp-nonce"]');
  return meta ? meta.content : "";
}

function create(textarea, { prefixes = {}, onRun = () => {} } = {}) {
  const parent = document.createElement("div");
  parent.className = "cm-host";
  textarea.parentNode.insertBefore(parent, textarea);
  textarea.hidden = true;
  const run = () => {
    onRun();
    return true;
  };
  const view = new EditorView({
    doc: textarea.value,
    parent,
    extensions: [
      EditorView.cspNonce.of(cspNonce()),
      basicSetup,
      StreamLanguage.define(sparql),
      autocompletion({ override: [prefixCompletions(prefixes)] }),
      Prec.highest(keymap.of([{ key: "Mod-Enter", run }, { key: "Shift-Enter", run }])),
      EditorView.contentAttributes.of({ "aria-label": "SPARQL query", "aria-describedby": "editor-help" }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) textarea.value = update.state.doc.toString();
      }),
    ],
  });
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
    addPrefix: (prefix, ns) => ensurePrefix(view, prefix, ns),
  };
}

window.IUCEditor = { create, declared };
