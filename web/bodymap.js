// SPDX-License-Identifier: Apache-2.0
/* knead report: the body map. Our own drawing: a front and a back silhouette (viewBox 200 x 430)
 * with each atlas region placed on it as an ellipse. The atlas regions have no side, so a limb
 * region is drawn on both limbs ("both"); the two hands of ISO/TS 15066 are placed as the right
 * (dominant) and left hand. Positions are for orientation only, not anatomy to scale. */
"use strict";
var knBodyMap = (function () {
  var NS = "http://www.w3.org/2000/svg";

  /* region name -> list of [view, cx, cy, rx, ry, both] (view "f" front, "b" back) */
  var PLACES = {
    head_forehead: [["f", 100, 18, 12, 5, 0]],
    head_temple: [["f", 84, 27, 4, 5, 1]],
    face_jaw: [["f", 89, 44, 5, 5, 1]],
    neck_anterior: [["f", 100, 59, 5, 5, 0]],
    neck_lateral: [["f", 92, 60, 3.5, 6, 1], ["b", 92, 60, 3.5, 6, 1]],
    neck_posterior: [["b", 100, 58, 6, 7, 0]],
    c7_spine: [["b", 100, 69, 4, 3, 0]],
    shoulder_top: [["b", 79, 72, 12, 5, 1]],
    upper_back: [["b", 100, 100, 12, 16, 0]],
    scapula: [["b", 77, 105, 10, 13, 1]],
    shoulder_joint: [["f", 65, 74, 6, 6, 1]],
    shoulder_deltoid: [["f", 55, 90, 7, 11, 1], ["b", 55, 90, 7, 11, 1]],
    axilla: [["f", 65, 110, 4, 8, 1]],
    chest: [["f", 81, 97, 14, 12, 1]],
    sternum: [["f", 100, 102, 5, 16, 0]],
    abdomen: [["f", 100, 155, 17, 24, 0]],
    lower_back: [["b", 100, 172, 20, 15, 0]],
    pelvis: [["f", 70, 198, 6, 8, 1], ["b", 70, 196, 6, 8, 1]],
    gluteal: [["b", 85, 214, 14, 14, 1]],
    upper_arm_anterior: [["f", 49, 126, 7, 22, 1]],
    upper_arm_medial: [["f", 57, 132, 2.5, 17, 1]],
    upper_arm_posterior: [["b", 49, 126, 8, 22, 1]],
    elbow_medial: [["f", 54, 161, 4, 5, 1]],
    forearm_anterior: [["f", 45, 196, 6, 25, 1]],
    forearm_radial: [["f", 38, 196, 2.5, 22, 1]],
    forearm_posterior: [["b", 45, 196, 7, 26, 1]],
    hand_palm: [["f", 44, 248, 8, 10, 0]],
    hand_palm_nd: [["f", 156, 248, 8, 10, 0]],
    thenar: [["f", 50, 243, 3, 5, 0]],
    finger_pad: [["f", 42, 262, 3, 3, 0]],
    finger_pad_nd: [["f", 158, 262, 3, 3, 0]],
    finger_end_joint: [["f", 46, 265, 2.5, 2.5, 0]],
    finger_end_joint_nd: [["f", 154, 265, 2.5, 2.5, 0]],
    hand_back: [["b", 156, 248, 8, 10, 0]],
    hand_back_nd: [["b", 44, 248, 8, 10, 0]],
    thigh_anterior: [["f", 84, 272, 12, 36, 1]],
    thigh_posterior: [["b", 84, 276, 12, 34, 1]],
    knee_anterior: [["f", 84, 331, 8, 7, 1]],
    knee_posterior: [["b", 84, 331, 8, 6, 1]],
    leg_lateral: [["f", 74, 348, 3.5, 14, 1]],
    shin: [["f", 86, 372, 6, 28, 1]],
    calf: [["b", 84, 362, 9, 23, 1]]
  };

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  /* the same silhouette for both views */
  function silhouette(svg) {
    var g = el("g", { "class": "silhouette" }, svg);
    el("ellipse", { cx: 100, cy: 32, rx: 18, ry: 22 }, g);
    el("rect", { x: 91, y: 50, width: 18, height: 18, rx: 4 }, g);
    el("path", { d: "M62,70 Q100,60 138,70 L143,122 L133,190 L137,230 L63,230 L67,190 L57,122 Z" }, g);
    [[40, 72, 18, 90], [142, 72, 18, 90]].forEach(function (r) {
      el("rect", { x: r[0], y: r[1], width: r[2], height: r[3], rx: 9 }, g); });
    [[36, 158, 17, 76], [147, 158, 17, 76]].forEach(function (r) {
      el("rect", { x: r[0], y: r[1], width: r[2], height: r[3], rx: 8 }, g); });
    [44, 156].forEach(function (x) { el("ellipse", { cx: x, cy: 250, rx: 10, ry: 16 }, g); });
    [[70, 222, 29, 104], [101, 222, 29, 104]].forEach(function (r) {
      el("rect", { x: r[0], y: r[1], width: r[2], height: r[3], rx: 13 }, g); });
    [[73, 324, 23, 86], [104, 324, 23, 86]].forEach(function (r) {
      el("rect", { x: r[0], y: r[1], width: r[2], height: r[3], rx: 10 }, g); });
    [84, 116].forEach(function (x) { el("ellipse", { cx: x, cy: 414, rx: 12, ry: 6 }, g); });
  }

  /* ratio of peak to limit -> colour: green at 0, yellow at 0.5, orange at 0.75, red from 1 */
  var STOPS = [[0, [46, 125, 50]], [0.5, [242, 201, 76]], [0.75, [224, 123, 0]], [1, [179, 38, 30]]];
  function colour(ratio) {
    var r = Math.max(0, Math.min(1, ratio));
    for (var i = 1; i < STOPS.length; i++) {
      if (r <= STOPS[i][0]) {
        var a = STOPS[i - 1], b = STOPS[i], f = (r - a[0]) / (b[0] - a[0]);
        var c = a[1].map(function (v, k) { return Math.round(v + f * (b[1][k] - v)); });
        return "rgb(" + c.join(",") + ")";
      }
    }
    return "rgb(179,38,30)";
  }

  var MARK = { nerve: { text: "N", fill: "#6a1b9a" }, bruise: { text: "B", fill: "#4a148c" },
               bruise_possible: { text: "b", fill: "#7e57c2" },
               spasm: { text: "S", fill: "#0d47a1" }, cramp: { text: "C", fill: "#0d47a1" },
               reflex: { text: "r", fill: "#757575" } }; /* normal reflex response: grey, not harm */

  /* container: element to fill; info: region name -> {ratio, touched, tip, marks: [kind...]};
   * onHover(name|null) is called when the pointer enters or leaves a region. */
  function draw(container, info, onHover) {
    ["f", "b"].forEach(function (view) {
      var svg = el("svg", { viewBox: "0 0 200 440", "class": "body", role: "img",
                            "aria-label": view === "f" ? "front of the body" : "back of the body",
                            "data-view": view === "f" ? "front" : "back" });
      silhouette(svg);
      var t = el("text", { x: 6, y: 434, "class": "view-label" }, svg);
      t.textContent = view === "f" ? "front" : "back";
      Object.keys(PLACES).forEach(function (name) {
        var it = info[name];
        PLACES[name].forEach(function (p) {
          if (p[0] !== view) return;
          var xs = p[5] ? [p[1], 200 - p[1]] : [p[1]];
          xs.forEach(function (x) {
            var e = el("ellipse", { cx: x, cy: p[2], rx: p[3], ry: p[4], "data-region": name,
                                    "class": "region" + (it && it.touched ? " touched" : " untouched") }, svg);
            if (it && it.touched) e.setAttribute("fill", colour(it.ratio));
            var title = el("title", {}, e);
            title.textContent = it && it.tip ? it.tip : name;
            e.addEventListener("mouseenter", function () { if (onHover) onHover(name); });
            e.addEventListener("mouseleave", function () { if (onHover) onHover(null); });
            if (it && it.marks) {
              it.marks.forEach(function (kind, k) {
                var m = MARK[kind] || MARK.spasm;
                var mx = x + p[3] + 2 + k * 9, my = p[2] - p[4] + 2;
                var g = el("g", { "class": "marker", "data-mark": kind, "data-region": name }, svg);
                el("circle", { cx: mx, cy: my, r: 4.6, fill: "#fff", stroke: m.fill, "stroke-width": 1.4 }, g);
                var tx = el("text", { x: mx, y: my + 3, "text-anchor": "middle", fill: m.fill,
                                      "font-size": 7 }, g);
                tx.textContent = m.text;
              });
            }
          });
        });
      });
      container.appendChild(svg);
    });
  }

  return { PLACES: PLACES, draw: draw, colour: colour };
})();
