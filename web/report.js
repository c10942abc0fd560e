// SPDX-License-Identifier: Apache-2.0
/* knead report: builds the page from the run's data (the JSON in #kn-data).
 * Every string from the data goes into the page with textContent or setAttribute, never as markup.
 * Charts are data-driven: timeseries.csv columns are grouped by what they measure and by the kind
 * of site (hand, region, nerve, muscle, whole body), as the C side describes each column
 * (D.series.columns), so columns added to the model appear here without changing this file. */
"use strict";
(function () {
  var D = JSON.parse(document.getElementById("kn-data").textContent);
  var S = D.summary || {};
  var A = D.atlas || { regions: {}, nerves: {}, muscles: {}, sources: {} };

  /* ---- small helpers ------------------------------------------------------------------------ */
  function h(tag, attrs, kids) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "cls") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (kids || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function fmt(v, digits) {
    if (v === null || v === undefined || v === "") return "";
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (typeof v !== "number") return String(v);
    if (!isFinite(v)) return String(v);
    if (digits === undefined && Number.isInteger(v)) return String(v);
    var a = Math.abs(v), d = digits !== undefined ? digits : a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    return v.toFixed(d);
  }
  function evClass(e) {
    e = String(e || "");
    return e.indexOf("human") === 0 ? "human" : e.indexOf("animal") === 0 ? "animal" :
           e.indexOf("expert") === 0 ? "expert" : e.indexOf("article") === 0 ? "article" :
           e.indexOf("model") === 0 ? "model" : "";
  }
  function evBadge(e) { return h("span", { cls: "ev " + evClass(e), text: e || "evidence not given" }); }
  function duration(s) {
    if (s < 120) return fmt(s, 0) + " s";
    if (s < 7200) return fmt(s / 60, 0) + " min";
    return fmt(s / 3600, 1) + " h";
  }
  function humanKey(k) { return String(k).replace(/_/g, " "); }
  /* What each key of summary.json's site objects is comes from the C side too (D.quantities: the
   * outcome's quantity table, kn_outcome_quantity): title, unit, where its evidence level is. */
  var QUANTITY = {};
  (D.quantities || []).forEach(function (q) { QUANTITY[q.group + " " + q.key] = q; });
  function quantity(group, key) { return QUANTITY[group + " " + key] || null; }
  function unitText(q) { return q && q.unit && q.unit !== "1" ? q.unit : ""; }
  /* a table column of a site's key: a short heading with the table's unit (digits as fmt) */
  function qcol(group, key, heading, digits) {
    var u = unitText(quantity(group, key));
    return [key, u ? heading + " " + u : heading, digits];
  }
  /* an evidence level: the table's kind where it has the key ("cortisol_evidence" too) */
  function isEvidence(group, key) {
    var q = quantity(group, key);
    return q ? q.kind === "evidence" : key === "evidence";
  }
  /* a key's heading for people: the table's title and unit; the key itself if the table lacks it */
  function qtitle(group, key) {
    var q = quantity(group, key);
    if (!q) return humanKey(key);
    return unitText(q) ? q.title + " (" + unitText(q) + ")" : q.title;
  }

  /* ---- verdict ------------------------------------------------------------------------------ */
  var HARM = {
    none: "No harm expected",
    discomfort: "Discomfort expected, no lasting harm",
    minor: "Minor harm likely: bruise, soreness, a cramp or a reversible nerve block",
    injury: "Injury expected",
    severe: "Severe injury expected"
  };
  /* brief involuntary contractions that are not spasms (docs/model.md): shown, never as harm */
  var REFLEX_LABEL = "normal reflex response";
  function verdict() {
    var v = S.advice_verdict || "go ahead";
    var box = $("verdict");
    box.className = v === "stop" ? "stop" : v === "go ahead" ? "go" : "change";
    var spasms = (S.spasms || []).length;
    var reflexes = (S.reflex_responses || {}).count || 0;
    var hurt = (S.nerves || []).filter(function (n) { return n.grade && n.grade !== "none"; }).length;
    box.appendChild(h("div", { cls: "big", text: (HARM[S.harm] || String(S.harm)) + "." }));
    box.appendChild(h("div", { cls: "big advice-verdict",
                               text: "Advice: " + (v === "stop" ? "stop — do not go ahead with this plan" : v) + "." }));
    box.appendChild(h("div", { cls: "sub" }, [
      "harm: " + S.harm + " (" + (S.harm_scale || "") + "); evidence: ",
      evBadge(S.harm_evidence), " · " + duration(S.duration_s || 0) + " simulated · " +
      (S.regions || []).length + " area" + ((S.regions || []).length === 1 ? "" : "s") +
      " pressed · " + hurt + " nerve or vessel effect" + (hurt === 1 ? "" : "s") + " · " +
      spasms + " spasm" + (spasms === 1 ? "" : "s") + " · " + reflexes + " " + REFLEX_LABEL +
      (reflexes === 1 ? "" : "s") + " (not harm)"]));
    if (S.course) { /* the verdict above is the first session's; the course's worst beside it */
      var C = S.course;
      box.appendChild(h("div", { cls: "sub course-verdict" }, [
        "A course of " + C.sessions + " sessions: worst session: " + (HARM[C.harm] || C.harm).toLowerCase() +
        "; nerves over the course (doses carried): " + C.nerve_grade + ". The charts and tables are the first " +
        "session's; ", h("a", { href: "#course", text: "the course, session by session" }), "."]));
    }
  }

  /* ---- advice ------------------------------------------------------------------------------- */
  var usedSources = {};
  function advice() {
    var list = $("advice-list");
    var items = S.advice || [];
    if (!items.length) list.appendChild(h("li", {}, [h("span", { cls: "sev note", text: "note" }),
      h("div", { cls: "advice-text", text: "No advice: nothing in this plan calls for a change." })]));
    items.forEach(function (a) {
      var src = h("span", {});
      (a.sources || []).forEach(function (k, i) {
        usedSources[k] = 1;
        if (i) src.appendChild(document.createTextNode(", "));
        src.appendChild(h("a", { href: "#src-" + k, text: k }));
      });
      list.appendChild(h("li", { "data-rule": a.rule, "data-severity": a.severity }, [
        h("span", { cls: "sev " + a.severity, text: a.severity }),
        h("div", { cls: "advice-text", text: a.text }),
        h("div", { cls: "advice-meta" }, ["why: " + a.trigger + " · ", evBadge(a.evidence),
          " · claims " + (a.claims || "-") + " · sources: ", src])
      ]));
    });
  }

  /* ---- body map ----------------------------------------------------------------------------- */
  function bodymap() {
    var info = {};
    (S.regions || []).forEach(function (r) {
      var ratio = Math.max(r.p_ratio || 0, r.f_ratio || 0);
      var marks = [];
      /* the grade is read from the bruise probability: likely >= 50 %, possible 5-50 % */
      if (r.bruise === "likely") marks.push("bruise");
      else if (r.bruise && r.bruise !== "none") marks.push("bruise_possible");
      info[r.region] = {
        touched: true, ratio: ratio, marks: marks,
        tip: r.label + ": peak " + fmt(r.p_peak_kPa) + " kPa, " + fmt(r.f_peak_N) + " N; " +
             fmt(100 * ratio, 0) + " % of the ISO/TS 15066 limit; pain probability " +
             fmt(r.pain_probability_peak, 2) + "; bruise " + r.bruise +
             (typeof r.bruise_probability === "number" ? " (" + fmt(100 * r.bruise_probability, 0) + " %)" : "")
      };
    });
    function mark(region, kind, text) {
      if (!region) return;
      var it = info[region] || (info[region] = { touched: false, ratio: 0, marks: [],
                                                  tip: (A.regions[region] || {}).label || region });
      if (it.marks.indexOf(kind) < 0) it.marks.push(kind);
      it.tip += "; " + text;
    }
    (S.nerves || []).forEach(function (n) {
      if (n.grade && n.grade !== "none") mark(n.region, "nerve", n.label + ": " + n.grade);
    });
    (S.spasms || []).forEach(function (sp) {
      var m = A.muscles[sp.muscle];
      mark(m && m.region, sp.kind === "cramp" ? "cramp" : "spasm",
           sp.kind + " of " + sp.muscle + " at " + fmt(sp.onset_s, 0) + " s");
    });
    (S.neuromuscular || []).forEach(function (n) {
      var m = A.muscles[n.muscle];
      if (n.reflex_responses)
        mark(m && m.region, "reflex", n.reflex_responses + " " + REFLEX_LABEL + (n.reflex_responses === 1 ? "" : "s") +
             " of " + n.muscle + " (not harm), longest " + fmt(n.reflex_longest_s, 1) + " s");
    });
    var fig = $("bodymap-figure");
    var tip = h("div", { id: "bodymap-tip", text: "Hover over a coloured area." });
    knBodyMap.draw(fig, info, function (name) {
      tip.textContent = name ? (info[name] && info[name].tip) || (A.regions[name] || {}).label || name
                             : "Hover over a coloured area.";
    });
    var legend = h("div", { cls: "legend" }, [
      h("div", { text: "peak pressure or force / the area's limit" }),
      h("div", { cls: "ramp" }),
      h("div", { cls: "ticks" }, [h("span", { text: "0 %" }), h("span", { text: "50 %" }),
                                   h("span", { text: "75 %" }), h("span", { text: "100 % and more" })]),
      h("ul", {}, [h("li", { text: "N: nerve or vessel effect (tingling, block or injury)" }),
                   h("li", { text: "B: bruise likely (50 % or more); b: bruise possible (5-50 %)" }),
                   h("li", { text: "S: spasm; C: cramp; r: " + REFLEX_LABEL + " (not harm)" }),
                   h("li", { text: "dashed: not massaged" })]),
      tip]);
    fig.appendChild(legend);
  }

  /* ---- charts ------------------------------------------------------------------------------- */
  /* What each column is comes from the C side (D.series.columns: the recorder's description of the
   * names it writes): site, quantity, title, unit, evidence, limit. Nothing is read from a name. */
  var TOPIC_SECTION = {
    contact: "Force, pressure and pain", nerve: "Nerves: pressure, perfusion and dose",
    muscle_activity: "Muscle activity and spasms", muscle_pressure: "Muscle under pressure",
    circulation: "Blood flow and muscle chemistry", temperature: "Temperature",
    systemic: "Heart, blood pressure, nervous system and hormones"
  };
  var SECTIONS = ["Force, pressure and pain", "Nerves: pressure, perfusion and dose",
                  "Muscle activity and spasms", "Muscle under pressure", "Blood flow and muscle chemistry",
                  "Temperature", "Heart, blood pressure, nervous system and hormones", "Other"];
  /* a column the C side did not describe (not a name knead writes): shown as itself */
  function columnOf(c) {
    var col = (D.series.columns || [])[c];
    if (col) return col;
    var name = D.series.names[c];
    return { name: name, site_kind: "body", site: "", quantity: name, title: name, topic: "", unit: "",
             evidence: null, limit: null, limit_name: null };
  }
  /* units a chart shows none of: plain ratios */
  function unitLabel(u) { return u === "1" ? "" : u || ""; }
  function groupColumns() {
    var groups = {}, order = [];
    for (var c = 1; c < D.series.names.length; c++) {
      var col = columnOf(c);
      var section = TOPIC_SECTION[col.topic] || "Other";
      /* columns of the whole body share a chart when they share a unit and a section (e.g.
       * systolic and diastolic pressure); sited columns share one when they measure the same thing */
      var key = col.site_kind === "body" ? "body:" + (col.unit || col.name) + ":" + section
                                         : col.site_kind + ":" + col.quantity;
      if (!groups[key]) {
        groups[key] = { key: key, site: col.site_kind, topic: col.topic, unit: unitLabel(col.unit),
                        title: col.title, cols: [], section: section };
        order.push(key);
      }
      groups[key].cols.push({ col: c, name: col.name, where: col.site || col.title, title: col.title,
                              evidence: col.evidence, limit: col.limit, limit_name: col.limit_name });
    }
    return order.map(function (k) { return groups[k]; });
  }
  function titleOf(g) {
    if (g.site !== "body") return g.title;
    return g.cols.map(function (c) { return c.title; }).join(", ");
  }
  /* the evidence levels of the group's columns; a column with none is "model derived" */
  var MODEL_DERIVED = "model derived";
  function evidenceOf(g) {
    var ev = [];
    g.cols.forEach(function (c) {
      var e = c.evidence || MODEL_DERIVED;
      if (ev.indexOf(e) < 0) ev.push(e);
    });
    return ev;
  }
  /* the one limit the group's columns are compared to, or null */
  function limitOf(g) {
    var c0 = g.cols[0];
    if (typeof c0.limit !== "number") return null;
    var same = g.cols.every(function (c) { return c.limit === c0.limit && c.limit_name === c0.limit_name; });
    return same ? { value: c0.limit, name: c0.limit_name } : null;
  }

  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
                 "#e377c2", "#7f7f7f", "#bcbd22"];
  var plots = [], syncing = false;
  /* time ticks at steps a person counts in: seconds, then whole minutes */
  var TIME_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900,
                    1800, 3600, 7200, 14400];
  /* a moment as a person reads it: "75.2 s" or "35 min 45 s" */
  function clock(v) {
    if (v < 120) return fmt(v, 1) + " s";
    var r = Math.round(v), m = Math.floor(r / 60);
    return m + " min " + (r - 60 * m) + " s";
  }
  function timeTick(t, incr) {
    if (incr >= 60) return fmt(t / 60, 0) + " min";
    return (Math.abs(t - Math.round(t)) < 1e-9 ? fmt(t, 0) : String(+t.toFixed(2))) + " s";
  }
  function bandsFor(g) {
    var out = [];
    if (g.topic === "muscle_activity") {
      var mus = g.cols.map(function (c) { return c.where; });
      (S.spasms || []).forEach(function (sp) {
        if (mus.indexOf(sp.muscle) >= 0)
          out.push([sp.onset_s, sp.onset_s + Math.max(sp.duration_s, 0.2),
                    sp.kind === "cramp" ? "rgba(13,71,161,0.18)" : "rgba(13,71,161,0.10)"]);
      });
      (D.events || []).forEach(function (e) { /* reflex responses: a faint grey, not the spasms' blue */
        if (e.kind === "reflex_response" && mus.indexOf(e.site) >= 0)
          out.push([+e.t_start_s, Math.max(+e.t_end_s, +e.t_start_s + 0.2), "rgba(97,97,97,0.08)"]);
      });
    }
    if (g.topic === "contact") {
      (D.events || []).forEach(function (e) {
        if (e.kind === "iso_pressure" || e.kind === "iso_force")
          out.push([+e.t_start_s, Math.max(+e.t_end_s, +e.t_start_s + 0.2), "rgba(179,38,30,0.10)"]);
      });
    }
    return out;
  }
  function chart(g, parent) {
    var t = D.series.cols[0];
    var data = [t], series = [{ label: "time", value: function (u, v) { return v === null ? "--" : clock(v); } }];
    g.cols.forEach(function (c, i) {
      data.push(D.series.cols[c.col]);
      series.push({ label: c.where, stroke: PALETTE[i % PALETTE.length], width: 1.4,
                    value: function (u, v) { return v === null || v === undefined ? "--" : fmt(v); } });
    });
    var ev = evidenceOf(g), limit = limitOf(g);
    var head = h("div", { cls: "chart-head" }, [
      h("span", {}, [h("strong", { text: titleOf(g) }), g.unit ? " " : null,
        g.unit ? h("span", { cls: "unit", text: "(" + g.unit + ")" }) : null,
        limit ? h("span", { cls: "limit", text: " · dashed: " + limit.name + " (" + fmt(limit.value) +
                                                 (g.unit ? " " + g.unit : "") + ")" }) : null]),
      h("span", {}, ev.map(function (e) { return evBadge(e); }))]);
    var box = h("div", { cls: "chart", "data-group": g.key, "data-series": String(g.cols.length),
                         "data-evidence": ev.join(","), "data-limit": limit ? String(limit.value) : "",
                         "data-points": String(t.length) }, [head]);
    parent.appendChild(box);
    var bands = bandsFor(g);
    var opts = {
      width: Math.max(320, box.clientWidth - 14), height: 200,
      cursor: { sync: { key: "kn", setSeries: false }, drag: { x: true, y: false } },
      scales: { x: { time: false } },
      axes: [{ space: 70, incrs: TIME_STEPS, values: function (u, ticks, ax, space, incr) {
               return ticks.map(function (t) { return timeTick(t, incr); }); } },
             { size: 60, label: g.unit || "", labelSize: 16 }],
      series: series,
      hooks: {
        drawClear: [function (u) {
          if (!bands.length) return;
          var ctx = u.ctx;
          ctx.save();
          bands.forEach(function (b) {
            var x0 = u.valToPos(b[0], "x", true), x1 = u.valToPos(b[1], "x", true);
            ctx.fillStyle = b[2];
            ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
          });
          ctx.restore();
        }],
        draw: [function (u) {
          if (!limit) return;
          var y = u.valToPos(limit.value, "y", true);
          if (!(y >= u.bbox.top && y <= u.bbox.top + u.bbox.height)) return;
          var ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = "#b3261e";
          ctx.setLineDash([6, 4]);
          ctx.beginPath();
          ctx.moveTo(u.bbox.left, y);
          ctx.lineTo(u.bbox.left + u.bbox.width, y);
          ctx.stroke();
          ctx.restore();
        }],
        setScale: [function (u, key) {
          /* a linked time axis: zooming one chart zooms all */
          if (key !== "x" || syncing) return;
          syncing = true;
          plots.forEach(function (p) {
            if (p !== u) p.setScale("x", { min: u.scales.x.min, max: u.scales.x.max });
          });
          syncing = false;
        }]
      }
    };
    var p = new uPlot(opts, data, box);
    plots.push(p);
  }
  function charts() {
    var groups = groupColumns();
    var list = $("chart-list");
    if (D.series.shown < D.series.rows)
      $("downsample-note").textContent = "Long run: " + D.series.shown + " of " + D.series.rows +
        " recorded points shown (the lowest and highest of each interval, so no peak is lost).";
    SECTIONS.forEach(function (name) {
      var gs = groups.filter(function (g) { return g.section === name; });
      if (!gs.length) return;
      var sec = h("div", { cls: "chart-section", "data-section": name }, [h("h3", { text: name })]);
      list.appendChild(sec);
      gs.forEach(function (g) { chart(g, sec); });
    });
    window.addEventListener("resize", function () {
      plots.forEach(function (p) {
        var w = Math.max(320, p.root.parentNode.clientWidth - 14);
        p.setSize({ width: w, height: 200 });
      });
    });
  }

  /* ---- outcome and input tables -------------------------------------------------------------- */
  function table(rows, cols, caption) {
    var t = h("table", {});
    if (caption) t.appendChild(h("caption", { text: caption }));
    t.appendChild(h("tr", {}, cols.map(function (c) { return h("th", { text: c[1] }); })));
    rows.forEach(function (r) {
      t.appendChild(h("tr", {}, cols.map(function (c) {
        var v = typeof c[0] === "function" ? c[0](r) : r[c[0]];
        if (c[2] === "ev") return h("td", {}, [evBadge(v)]);
        return h("td", { cls: typeof v === "number" ? "num" : "", text: fmt(v, c[2]) });
      })));
    });
    return t;
  }
  function outcomes() {
    var box = $("outcome-tables");
    if ((S.regions || []).length) {
      box.appendChild(h("h3", { text: "Pressed areas" }));
      box.appendChild(table(S.regions, [["label", "area"], qcol("regions", "p_peak_kPa", "peak"),
        qcol("regions", "p_limit_kPa", "limit"), [function (r) { return 100 * Math.max(r.p_ratio, r.f_ratio); }, "% of limit", 0],
        qcol("regions", "f_peak_N", "peak"), ["pain_probability_peak", "pain prob.", 2], qcol("regions", "time_in_pain_s", "in pain", 0),
        [function (r) { return 100 * (r.bruise_probability || 0); }, "bruise %", 0], ["bruise", "bruise"],
        [function (r) { return 100 * (r.soreness_probability || 0); }, "soreness %", 1],
        [function (r) { return r.evidence && r.evidence.limits; }, "limits", "ev"],
        [function (r) { return r.evidence && r.evidence.pain; }, "pain", "ev"],
        [function (r) { return r.evidence && r.evidence.bruise; }, "bruise", "ev"]]));
    }
    if ((S.nerves || []).length) {
      box.appendChild(h("h3", { text: "Nerves and vessels" }));
      box.appendChild(table(S.nerves, [["label", "nerve or vessel"], qcol("nerves", "depth_mm", "depth", 1),
        qcol("nerves", "p_peak_mmHg", "peak", 0), qcol("nerves", "perfusion_min_pct", "perfusion min", 0),
        qcol("nerves", "conduction_min_pct", "conduction min", 0), ["injury_dose", "injury dose", 2], ["grade", "outcome"],
        [function (n) { return n.grade === "none" ? "" : fmt(n.recovery_min_days, 0) + "-" + fmt(n.recovery_max_days, 0) + " days"; }, "recovery"],
        ["injury_looks_like", "what it looks like"], ["evidence", "evidence", "ev"]]));
    }
    if ((S.muscles || []).length) {
      box.appendChild(h("h3", { text: "Muscles under pressure" }));
      box.appendChild(table(S.muscles, [["label", "muscle"], qcol("muscles", "p_peak_kPa", "peak"),
        ["damage_dose", "damage dose", 3], ["cell_death", "cell death"], ["evidence", "evidence", "ev"]]));
    }
    if ((S.neuromuscular || []).length) {
      box.appendChild(h("h3", { text: "Muscle relaxation and spasms" }));
      var NM = "neuromuscular";
      box.appendChild(table(S.neuromuscular, [["muscle", "muscle"], qcol(NM, "hreflex_min_pct", "H-reflex min", 0),
        qcol(NM, "time_inhibited_s", "relaxed by massage", 0), qcol(NM, "force_peak_N", "peak force"),
        qcol(NM, "cramp_threshold_Hz", "cramp threshold", 1), ["spasms", "spasms", 0],
        ["reflex_responses", REFLEX_LABEL + "s (not harm)", 0], qcol(NM, "reflex_longest_s", "longest", 1),
        qcol(NM, "reflex_peak_force_pct", "peak of max", 0), ["evidence", "evidence", "ev"]]));
    }
    if ((S.spasms || []).length) {
      box.appendChild(h("h3", { text: "Involuntary contractions" }));
      box.appendChild(table(S.spasms, [["kind", "kind"], ["muscle", "muscle"], ["onset_s", "onset s", 1],
        ["duration_s", "lasting s", 1], ["peak_force_pct", "% of max", 0], ["frequency_Hz", "Hz", 1],
        ["trigger", "started by"], ["evidence", "evidence", "ev"]]));
    }
    if (S.bruise) {
      box.appendChild(h("h3", { text: "Visible bruise afterwards" }));
      box.appendChild(table([S.bruise], [[function (s) { return 100 * s.probability; }, "chance %", 0],
        ["evidence", "evidence", "ev"]]));
    }
    if (S.soreness) {
      box.appendChild(h("h3", { text: "Soreness afterwards" }));
      box.appendChild(table([S.soreness], [[function (s) { return 100 * s.probability; }, "chance %", 0],
        qcol("soreness", "onset_h", "onset within", 0), qcol("soreness", "duration_h", "lasting up to", 0),
        ["evidence", "evidence", "ev"]]));
    }
    /* sections this page does not know yet (e.g. new parts of the model): shown as they are */
    var known = ["knead_version", "harm", "harm_evidence", "harm_scale", "duration_s", "subject", "session",
                 "regions", "nerves", "muscles", "neuromuscular", "spasms", "reflex_responses", "soreness", "bruise", "events",
                 "events_dropped", "advice", "advice_verdict", "course"];
    Object.keys(S).forEach(function (k) {
      if (known.indexOf(k) >= 0) return;
      var v = S[k];
      box.appendChild(h("h3", { text: humanKey(k).charAt(0).toUpperCase() + humanKey(k).slice(1) }));
      box.appendChild(generic(v, k));
    });
  }
  /* A section as it is: group is its path in summary.json (e.g. "systemic/heart"), so the outcome's
   * quantity table names its keys; without a row a key is shown as it is written. */
  function generic(v, group) {
    if (Array.isArray(v)) {
      if (!v.length) return h("p", { text: "none" });
      if (typeof v[0] === "object" && v[0] !== null) {
        var cols = [];
        v.forEach(function (r) { Object.keys(r).forEach(function (k) { if (cols.indexOf(k) < 0) cols.push(k); }); });
        return table(v, cols.map(function (k) { return [k, qtitle(group, k), isEvidence(group, k) ? "ev" : undefined]; }));
      }
      return h("p", { text: v.map(function (x) { return fmt(x); }).join(", ") });
    }
    if (v && typeof v === "object") {
      var rows = Object.keys(v).map(function (k) { return { key: k, value: v[k] }; });
      var t = h("table", {});
      rows.forEach(function (r) {
        var cell = isEvidence(group, r.key) ? h("td", {}, [evBadge(r.value)])
          : typeof r.value === "object" && r.value !== null
            ? h("td", {}, [generic(r.value, group ? group + "/" + r.key : undefined)])
          : h("td", { cls: typeof r.value === "number" ? "num" : "", text: fmt(r.value) });
        t.appendChild(h("tr", {}, [h("th", { text: qtitle(group, r.key) }), cell]));
      });
      return t;
    }
    return h("p", { text: fmt(v) });
  }
  /* A course (summary.json "course"): what it comes to, and one row per session. The charts, body
   * map and the tables above stay the first session's (the course is simulated session by session
   * but only the first one's series is kept). */
  function course() {
    var C = S.course, sec = $("course");
    if (!C) return;
    sec.hidden = false;
    $("nav-course").hidden = false;
    var ev = C.evidence || {};
    var rows = C.per_session || [];
    var days = rows.length > 1 ? rows[rows.length - 1].start_d - rows[0].start_d : 0;
    sec.appendChild(h("p", { cls: "hint", text: C.sessions + " sessions over " + fmt(days, 0) + " days, " +
      "each simulated in full; what one leaves to the next (resting blood pressure, soreness, a nerve's " +
      "injury dose, cramp-threshold training) is carried over the days between. The charts, body map and " +
      "outcome tables above are the first session's." }));
    sec.appendChild(h("h3", { text: "Over the whole course" }));
    var overall = [
      { what: "resting blood pressure, end of the last session vs before the first", value:
          fmt(C.systolic_change_mmHg, 1) + " / " + fmt(C.diastolic_change_mmHg, 1) + " mmHg", ev: ev.pressure },
      { what: "of which carried (the resting change the sessions leave)", value:
          fmt(C.systolic_carried_end_mmHg, 1) + " / " + fmt(C.diastolic_carried_end_mmHg, 1) + " mmHg", ev: ev.pressure },
      { what: "highest chance of starting a session still sore", value:
          fmt(100 * (C.sore_at_start_max_probability || 0), 1) + " %", ev: ev.soreness },
      { what: "worst nerve grade, earlier sessions' doses carried", value: C.nerve_grade, ev: ev.nerve },
      { what: "worst session's harm", value: C.harm + " (" + (HARM[C.harm] || C.harm) + ")", ev: C.harm === S.harm ? S.harm_evidence : undefined }];
    sec.appendChild(table(overall, [["what", "outcome"], ["value", "value"], ["ev", "evidence", "ev"]]));
    sec.appendChild(h("h3", { text: "Session by session" }));
    var t = table(rows.map(function (r, i) { var b = { n: i + 1 }; for (var k in r) b[k] = r[k]; return b; }), [
      ["n", "#"], ["start_d", "day", 1],
      [function (r) { return fmt(r.systolic_rest_mmHg, 1) + "/" + fmt(r.diastolic_rest_mmHg, 1); }, "resting BP at start mmHg"],
      [function (r) { return fmt(r.systolic_carried_mmHg, 1) + "/" + fmt(r.diastolic_carried_mmHg, 1); }, "carried in mmHg"],
      [function (r) { return fmt(r.systolic_change_mmHg, 1) + "/" + fmt(r.diastolic_change_mmHg, 1); }, "change in session mmHg"],
      [function (r) { return 100 * r.soreness_probability; }, "soreness after %", 1],
      [function (r) { return 100 * r.sore_at_start_probability; }, "sore at start %", 1],
      ["nerves_unrecovered", "nerves unrecovered", 0], ["nerve_dose_max", "nerve dose", 2], ["nerve_grade", "nerve grade"],
      ["cramps", "cramps", 0], ["cramp_threshold_Hz", "cramp threshold Hz", 1], ["harm", "harm"]]);
    t.id = "course-sessions";
    sec.appendChild(t);
    sec.appendChild(h("p", { cls: "hint" }, ["evidence: blood pressure ", evBadge(ev.pressure), " · soreness ",
      evBadge(ev.soreness), " · nerves ", evBadge(ev.nerve)]));
  }
  function inputs() {
    var box = $("input-tables");
    var subj = S.subject || {}, sess = S.session || {};
    box.appendChild(h("h3", { text: "Who is massaged" }));
    var plain = {};
    Object.keys(subj).forEach(function (k) { if (k !== "causes_of_cramp") plain[k] = subj[k]; });
    box.appendChild(generic(plain));
    if (subj.causes_of_cramp) {
      box.appendChild(h("h3", { text: "Causes of cramp as given, and what the model does with each" }));
      box.appendChild(table(subj.causes_of_cramp, [["cause", "cause"], ["value", "value"], ["effect", "effect"]]));
    }
    box.appendChild(h("h3", { text: "What is done" }));
    var s2 = {};
    Object.keys(sess).forEach(function (k) { if (k !== "actions") s2[k] = sess[k]; });
    box.appendChild(generic(s2));
    var acts = sess.actions || [];
    if (acts.length) {
      var pref = ["index", "do", "label", "start_s", "end_s", "region", "landmark", "muscle", "contact",
                  "force_N", "pressure_kPa", "area_cm2", "speed_cm_per_s", "rate_Hz", "duration_s",
                  "repetitions", "rest_between_s"];
      var cols = pref.filter(function (k) { return acts.some(function (a) { return k in a; }); });
      acts.forEach(function (a) { Object.keys(a).forEach(function (k) { if (cols.indexOf(k) < 0) cols.push(k); }); });
      box.appendChild(h("h3", { text: "Actions" }));
      box.appendChild(table(acts.map(function (a) { var b = {}; for (var k in a) b[k] = a[k]; b.index = a.index + 1; return b; }),
        cols.map(function (k) { return [k, humanKey(k)]; })));
    }
  }
  function sources() {
    var list = $("source-list");
    Object.keys(usedSources).sort().forEach(function (k) {
      list.appendChild(h("li", { id: "src-" + k }, [h("span", { cls: "key", text: "[" + k + "] " }),
        (A.sources || {})[k] || "reference not in this build's source table"]));
    });
    if (!list.children.length) list.appendChild(h("li", { text: "No advice, so no sources cited." }));
  }

  verdict();
  advice();
  bodymap();
  charts();
  outcomes();
  course();
  inputs();
  sources();
  $("footer").textContent = "knead " + (D.knead_version || "") + " · a model's prediction, not a " +
    "diagnosis: every outcome carries its evidence level · charts by uPlot, inlined: this page " +
    "loads nothing from the network.";
  /* for the browser test and the curious: the charts (uPlot instances) */
  window.knReport = { plots: plots };
  document.body.setAttribute("data-ready", "1");
})();
