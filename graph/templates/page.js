/* policykg graph page.
 *
 * Reads the graph from the JSON block #pk-data and draws it with vis-network.
 * Every string that comes from a report (names, aliases, regions, sentences)
 * reaches the page through textContent or a canvas label, never as HTML, so
 * nothing is parsed and nothing needs escaping. Tooltips are Elements, which
 * vis-network appends as they are.
 *
 * window.policykg exposes the network and a `ready` flag for tests and
 * benchmarks; <html data-state> goes "loading" → "ready".
 */
(function () {
  "use strict";
  var root = document.documentElement;
  root.dataset.state = "loading";
  var DATA = JSON.parse(document.getElementById("pk-data").textContent);
  var info = DATA.info, einfo = DATA.einfo, note = DATA.note;
  var TYPE_ORDER = ["Region", "IndustrialChain", "Park", "Project", "Initiative", "Enterprise", "Fold"];
  var NAMES = {IndustrialChain: "Industrial chain", Fold: "Not shown (+N)"};

  // ---- small DOM helpers: text only --------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function plural(n, one, many) { return fmt(n) + " " + (n === 1 ? one : many); }
  function typeName(t) { return NAMES[t] || t; }
  function counts(obj) {
    return Object.keys(obj || {}).sort(function (a, b) { return obj[b] - obj[a]; })
      .map(function (k) { return typeName(k) + " " + fmt(obj[k]); }).join(", ");
  }
  function sum(obj) { return Object.keys(obj || {}).reduce(function (s, k) { return s + obj[k]; }, 0); }
  function field(label, value) {
    return add(el("div", "pk-field"), el("b", null, label), document.createTextNode(value));
  }

  // ---- tooltips and details ----------------------------------------------------------------
  function evidence(ev) {
    var box = el("div", "pk-ev"), s = ev.sentence || "", t = ev.text || "";
    var at = t ? s.indexOf(t) : -1, from = 0, to = s.length, room = 90;
    if (at >= 0) { from = Math.max(0, at - room); to = Math.min(s.length, at + t.length + room); }
    else if (s.length > 2 * room) { to = 2 * room; }
    var q = el("div");
    if (from > 0) q.appendChild(document.createTextNode("…"));
    if (at >= 0) {
      q.appendChild(document.createTextNode(s.slice(from, at)));
      q.appendChild(el("mark", null, t));
      q.appendChild(document.createTextNode(s.slice(at + t.length, to)));
    } else {
      q.appendChild(document.createTextNode(s.slice(from, to)));
    }
    if (to < s.length) q.appendChild(document.createTextNode("…"));
    var src = [ev.region, ev.year, ev.title].filter(function (x) { return x !== null && x !== undefined && x !== ""; });
    return add(box, q, src.length ? el("cite", null, "— " + src.join(" · ")) : null);
  }

  function typeLine(i) {
    var t = DATA.types[i.label] || {};
    var sw = el("span", "swatch");
    sw.style.background = t.color || "#999";
    var words = [typeName(i.label) + (t.zh ? " " + t.zh : "")];
    if (i.kind) words.push(i.kind);
    if (i.level) words.push(i.level);
    if (i.anchor) words.push("has reports");
    return add(el("div", "pk-type"), sw, document.createTextNode(words.join(" · ")));
  }

  function listText(items, max) {
    var shown = items.slice(0, max).join("、");
    return items.length > max ? shown + " … (+" + (items.length - max) + ")" : shown;
  }

  function nodeContent(id, full) {
    var i = info[id] || {}, box = el("div");
    add(box, el("div", "pk-name", i.label === "Fold" ? i.name + " more of " + i.region : i.name), typeLine(i));
    if (i.label === "Fold") {
      add(box, field("Not shown:", counts(i.by_type)));
      add(box, el("div", "pk-field", "Named in reports about " + i.region + " but mentioned by fewer than " +
        note.min_regions + " regions" + (i.n_cut ? ", or beyond the node limit (" + fmt(i.n_cut) + ")" : "") + "."));
      if (full && i.members) {
        var ul = el("ul", "members");
        i.members.forEach(function (m) { ul.appendChild(el("li", null, m.name + "  ·  " + typeName(m.label))); });
        if (i.count > i.members.length) ul.appendChild(el("li", null, "… and " + fmt(i.count - i.members.length) + " more"));
        add(box, ul);
      }
      var hint = el("div", "pk-field");
      add(hint, document.createTextNode("To draw them: "),
        el("code", null, "policykg viz --region " + i.region + " --min-regions 1"));
      return add(box, hint);
    }
    if (i.overview) return add(box, overviewContent(i, full));
    if (i.aliases && i.aliases.length) add(box, field("Aliases:", i.aliases.join("、")));
    if (i.regions && i.regions.length) {
      add(box, field((i.anchor ? "Region" : "Regions (" + i.regions.length + "):"), listText(i.regions, full ? 200 : 12)));
    }
    if (i.n_mentions) add(box, field("Mentions:", fmt(i.n_mentions)));
    if (full && i.timeline) add(box, timelineTable(i.timeline));
    (i.evidence || []).slice(0, 3).forEach(function (ev) { box.appendChild(evidence(ev)); });
    return box;
  }

  // a region of the overview: the regions most like it, then what it adopts, most distinctive first
  function overviewContent(i, full) {
    var box = el("div");
    if (i.similar && i.similar.length) {
      add(box, field("Most like:", i.similar.slice(0, full ? 10 : 3).map(function (s) {
        return s.name + " (" + s.similarity + ")"; }).join("、")));
    }
    add(box, field("Adopts and develops:", fmt(i.n_items || 0) + " items; the most distinctive first"));
    var items = i.items || [], ul = el("ul", "members items");
    items.slice(0, full ? items.length : 8).forEach(function (m) {
      ul.appendChild(el("li", null, m.name + "  ·  " + typeName(m.label) + "  ·  " +
        plural(m.n_regions, "region", "regions")));
    });
    if ((i.n_items || 0) > items.length && full) ul.appendChild(el("li", null, "… and " + fmt(i.n_items - items.length) + " more"));
    return add(box, ul);
  }

  // an initiative's diffusion: years across, regions down, a mark where a region's reports name it
  function timelineTable(rows) {
    var years = {}, table = el("table", "timeline"), head = el("tr");
    rows.forEach(function (r) { r.years.forEach(function (y) { years[y] = true; }); });
    var cols = Object.keys(years).map(Number).sort(function (a, b) { return a - b; });
    if (cols.length) for (var y = cols[0] + 1; y < cols[cols.length - 1]; y++) if (!years[y]) cols.push(y);
    cols.sort(function (a, b) { return a - b; });
    head.appendChild(el("th", null, "Diffusion"));
    cols.forEach(function (y) { head.appendChild(el("th", null, String(y).slice(-2))); });
    table.appendChild(head);
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("th", null, r.region));
      cols.forEach(function (y) {
        var first = r.years.length && y === r.years[0], named = r.years.indexOf(y) >= 0;
        tr.appendChild(el("td", named ? (first ? "first" : "named") : null, named ? (first ? "●" : "•") : ""));
      });
      table.appendChild(tr);
    });
    return table;
  }

  function edgeContent(e) {
    var x = einfo[e.id] || {}, box = el("div");
    var from = (info[e.from] || {}).name || e.from, to = (info[e.to] || {}).name || e.to;
    add(box, el("div", "pk-name", from + " → " + to));
    add(box, el("div", "pk-type", (DATA.rels[e.rel] || {}).label || e.rel));
    if (x.similarity !== undefined) {
      add(box, field("Similarity:", x.similarity + " (IDF-weighted Jaccard)"));
      if (x.shared) add(box, field("Shares, most specific first:", listText(x.shared, 12) +
        (x.n_shared > x.shared.length ? " … (" + fmt(x.n_shared) + " in all)" : "")));
    }
    if (x.years) add(box, field("Years:", x.years.join(", ")));
    if (x.n_reports) add(box, field("Reports:", fmt(x.n_reports)));
    (x.evidence || []).forEach(function (ev) { box.appendChild(evidence(ev)); });
    return box;
  }

  // ---- the network -------------------------------------------------------------------------
  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    return Object.assign({}, n, {title: nodeContent(n.id, false)});
  }));
  var edges = new vis.DataSet(DATA.edges.map(function (e) {
    return Object.assign({}, e, {title: edgeContent(e)});
  }));
  var container = document.getElementById("network");
  var loading = document.getElementById("loading");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, DATA.options);
  var api = window.policykg = {network: network, nodes: nodes, edges: edges, info: info, ready: false,
    readyAt: null, physics: DATA.physics, note: note,
    drawnNodes: function () { return network.body.nodeIndices.length; },
    drawnEdges: function () { return network.body.edgeIndices.length; }};

  var settled = !DATA.physics;
  function markReady() {
    if (api.ready) return;
    var focus = (note.focus || []).map(function (f) { return f.id; }).filter(function (id) { return info[id]; });
    if (focus.length) network.selectNodes(focus);  // the focus stands out, with its edges
    if (focus.length === 1 && (info[focus[0]] || {}).timeline) showDetails(nodeContent(focus[0], true), focus[0]);
    api.ready = true;
    api.readyAt = performance.now();
    loading.hidden = true;
    root.dataset.state = "ready";
    updateStatus();
  }
  network.on("afterDrawing", function () { if (settled) markReady(); });
  if (DATA.physics) {
    loading.hidden = DATA.nodes.length < 60;
    network.on("stabilizationProgress", function (p) {
      document.getElementById("loading-bar").style.width = Math.round(100 * p.iterations / p.total) + "%";
    });
    var settle = function () {
      if (settled) return;
      network.setOptions({physics: {enabled: false}});  // settled: stop, so the page stays still and cheap
      settled = true;
      network.fit();
      network.redraw();
    };
    network.once("stabilizationIterationsDone", settle);
    network.once("stabilized", settle);
    setTimeout(settle, 20000);  // never simulate for ever, whatever happens
    if (!DATA.nodes.length) settle();
  } else {
    network.fit();
  }

  // ---- filters, focus, search --------------------------------------------------------------
  var state = {types: {}, minRegions: 1, focus: null, pinned: {}};
  function visible(id) {
    var i = info[id] || {};
    if (state.pinned[id]) return true;
    if (state.types[i.label] === false) return false;
    if (i.label !== "Fold" && !i.anchor && (i.n_regions || 0) < state.minRegions) return false;
    return !(state.focus && !state.focus[id]);
  }
  function applyFilters() {
    var changes = [];
    nodes.forEach(function (n) {
      var hide = !visible(n.id);
      if (Boolean(n.hidden) !== hide) changes.push({id: n.id, hidden: hide});
    });
    if (changes.length) nodes.update(changes);
    updateStatus();
  }
  function updateStatus() {
    var s = document.getElementById("status"), n = api.drawnNodes(), m = api.drawnEdges();
    s.dataset.drawnNodes = n;
    s.dataset.drawnEdges = m;
    s.textContent = "Drawn: " + fmt(n) + " nodes · " + fmt(m) + " edges" +
      (DATA.physics ? "" : " · layout computed in advance");
  }

  function showDetails(content, nodeId) {
    var body = document.getElementById("details-body");
    while (body.firstChild) body.removeChild(body.firstChild);
    body.appendChild(content);
    document.getElementById("details").hidden = false;
    document.getElementById("focus-btn").hidden = !nodeId;
    document.getElementById("focus-btn").dataset.node = nodeId || "";
  }
  function hideDetails() { document.getElementById("details").hidden = true; }
  function select(id) {
    if (!visible(id)) { state.pinned[id] = true; applyFilters(); }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: {duration: 350}});
    showDetails(nodeContent(id, true), id);
  }
  network.on("click", function (p) {
    if (p.nodes.length) showDetails(nodeContent(p.nodes[0], true), p.nodes[0]);
    else if (p.edges.length) showDetails(edgeContent(edges.get(p.edges[0])), null);
    else hideDetails();
  });
  document.getElementById("close-btn").addEventListener("click", function () {
    network.unselectAll();
    hideDetails();
  });
  document.getElementById("focus-btn").addEventListener("click", function () {
    var id = this.dataset.node;
    if (!id) return;
    state.focus = {};
    state.focus[id] = true;
    network.getConnectedNodes(id).forEach(function (m) { state.focus[m] = true; });
    applyFilters();
    network.fit({nodes: Object.keys(state.focus), animation: {duration: 350}});
  });
  document.getElementById("reset-btn").addEventListener("click", function () {
    state.focus = null;
    state.pinned = {};
    state.minRegions = Math.max(1, note.min_regions || 1);
    Object.keys(state.types).forEach(function (t) { state.types[t] = true; });
    document.querySelectorAll("#legend-types input").forEach(function (c) { c.checked = true; });
    document.getElementById("min-regions").value = state.minRegions;
    applyFilters();
    network.unselectAll();
    hideDetails();
    network.fit({animation: {duration: 350}});
  });
  var minInput = document.getElementById("min-regions");
  minInput.value = state.minRegions = Math.max(1, note.min_regions || 1);
  minInput.addEventListener("change", function () {
    state.minRegions = Math.max(1, parseInt(minInput.value, 10) || 1);
    applyFilters();
  });

  var index = DATA.nodes.map(function (n) {
    var i = info[n.id] || {};
    return {id: n.id, name: i.name || "", label: i.label, n: i.n_regions || 0,
      hay: [i.name || ""].concat(i.aliases || []).join("\u0001").toLowerCase()};
  }).filter(function (x) { return x.label !== "Fold"; });
  var search = document.getElementById("search"), results = document.getElementById("results");
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    while (results.firstChild) results.removeChild(results.firstChild);
    if (!q) return [];
    var found = index.filter(function (x) { return x.hay.indexOf(q) >= 0; });
    found.sort(function (a, b) {
      return ((b.name.toLowerCase() === q) - (a.name.toLowerCase() === q)) || (b.n - a.n) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    found.slice(0, 30).forEach(function (x) {
      var b = el("button", null, x.name);
      b.type = "button";
      b.appendChild(el("span", "type", typeName(x.label)));
      b.addEventListener("click", function () { select(x.id); });
      results.appendChild(add(el("li"), b));
    });
    if (!found.length) results.appendChild(el("li", "type", "No node matches."));
    else if (found.length > 30) results.appendChild(el("li", "type", "… " + fmt(found.length - 30) + " more"));
    return found;
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var f = runSearch(); if (f.length) select(f[0].id); }
  });

  // ---- legend, summary, notes --------------------------------------------------------------
  var CLIP = {
    diamond: "polygon(50% 0, 100% 50%, 50% 100%, 0 50%)", triangle: "polygon(50% 4%, 100% 94%, 0 94%)",
    square: "inset(8%)", hexagon: "polygon(0 50%, 25% 7%, 75% 7%, 100% 50%, 75% 93%, 25% 93%)",
    star: "polygon(50% 0, 61% 35%, 98% 35%, 68% 57%, 79% 91%, 50% 70%, 21% 91%, 32% 57%, 2% 35%, 39% 35%)"
  };
  function swatch(shape, color) {
    var s = el("span", "shape");
    s.style.background = color;
    if (CLIP[shape]) s.style.clipPath = CLIP[shape]; else s.style.borderRadius = "50%";
    return s;
  }
  var shownTypes = {};
  DATA.nodes.forEach(function (n) { var t = (info[n.id] || {}).label; shownTypes[t] = (shownTypes[t] || 0) + 1; });
  var legend = document.getElementById("legend-types");
  TYPE_ORDER.filter(function (t) { return shownTypes[t] || (note.totals || {})[t]; }).forEach(function (t) {
    var style = DATA.types[t] || {}, box = el("input"), label = el("label");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = t;
    state.types[t] = true;
    box.addEventListener("change", function () { state.types[t] = box.checked; applyFilters(); });
    var total = t === "Fold" ? "" : " / " + fmt((note.totals || {})[t] || 0);
    add(label, box, swatch(style.shape, style.color), el("span", null, typeName(t)), el("span", "zh", style.zh),
      el("span", "count", fmt(shownTypes[t] || 0) + total));
    legend.appendChild(add(el("li"), label));
  });
  var usedRels = {};
  DATA.edges.forEach(function (e) { usedRels[e.rel] = true; });
  var relList = document.getElementById("legend-rels");
  Object.keys(DATA.rels).filter(function (r) { return usedRels[r]; }).forEach(function (r) {
    var line = el("span", "line" + (r === "MENTIONS" || r === "Fold" ? " dashed" : ""));
    line.style.borderTopColor = DATA.rels[r].color;
    relList.appendChild(add(el("li"), line, el("span", null, DATA.rels[r].label)));
  });

  var anchors = 0, entities = 0;
  DATA.nodes.forEach(function (n) {
    var i = info[n.id] || {};
    if (i.anchor) anchors += 1; else if (i.label !== "Fold") entities += 1;
  });
  var summary = document.getElementById("summary");
  if (!DATA.nodes.length) {
    summary.textContent = "Nothing to draw: the graph is empty, or nothing matches the options.";
  } else if (note.overview) {
    summary.textContent = plural(anchors, "region", "regions") + " with reports, each joined to the regions " +
      "most like it: IDF-weighted Jaccard over what they adopt and develop (wider = more alike).";
  } else {
    summary.textContent = plural(anchors, "region", "regions") + " with reports and " +
      plural(entities, "entity", "entities") +
      (note.min_regions > 1 ? " shared by at least " + note.min_regions + " of them." : ".");
  }
  var notes = document.getElementById("notes");
  function addNote() {
    var li = el("li");
    for (var k = 0; k < arguments.length; k++) {
      var a = arguments[k];
      li.appendChild(typeof a === "string" ? document.createTextNode(a) : a);
    }
    notes.appendChild(li);
  }
  if (note.focus && note.focus.length) {
    addNote("Focus: " + note.focus.map(function (f) { return f.name + " (" + typeName(f.label) + ")"; }).join(", ") +
      ", " + note.depth + (note.depth === 1 ? " hop." : " hops."));
  }
  if (note.types) addNote("Types: " + note.types.map(typeName).join(", ") + " (regions with reports always shown).");
  if (sum(note.below)) {
    addNote(plural(sum(note.below), "entity", "entities") + " named by fewer than " + note.min_regions +
      " regions are folded into the grey “+N” nodes (" + counts(note.below) + "). To draw them: ",
      el("code", null, "--min-regions 1"), ".");
  }
  if (sum(note.cut)) {
    addNote("Limited to " + fmt(note.max_nodes) + " nodes: " +
      plural(sum(note.cut), "less shared node was", "less shared nodes were") + " left out (" + counts(note.cut) + "). Raise ", el("code", null, "--max-nodes"),
      " or focus with ", el("code", null, "--region"), " / ", el("code", null, "--initiative"), ".");
  }
  if (sum(note.filtered) && (note.types || (note.focus && note.focus.length))) {
    addNote(plural(sum(note.filtered), "node", "nodes") + " outside the focus or the types asked are not drawn.");
  }
  if (note.overview) {
    addNote("Overview of many regions: initiatives, chains, parks and projects are not drawn. Click a region " +
      "for what it adopts and shares. For the entity graph: ", el("code", null, "policykg viz --no-overview"),
      " or ", el("code", null, "--region NAME"), ".");
  }
  if (!DATA.physics) addNote("Large graph: positions were computed before the page opened; physics is off.");
  // Chinese glyphs: draw 中 and an unassigned code point in the label font; the same pixels mean both
  // are the "missing glyph" box, so no installed font has Chinese characters.
  (function () {
    var c = document.createElement("canvas"), ctx = c.getContext("2d");
    c.width = c.height = 40;
    function ink(ch) {
      ctx.clearRect(0, 0, 40, 40);
      ctx.font = "32px " + ((DATA.options.nodes || {}).font || {}).face;
      ctx.fillText(ch, 2, 34);
      return Array.prototype.join.call(ctx.getImageData(0, 0, 40, 40).data, "");
    }
    var missing = ink("中") === ink("\u0378");
    root.dataset.cjk = missing ? "missing" : "ok";
    if (missing) {
      var li = el("li", "warn");
      add(li, document.createTextNode("No font with Chinese glyphs was found: names may show as boxes. " +
        "Install one, e.g. Debian's "), el("code", null, "fonts-noto-cjk"), document.createTextNode("."));
      notes.insertBefore(li, notes.firstChild);
    }
  })();
  addNote("Hover a node for its evidence; click for details; search above.");
  updateStatus();
})();
