// Truceline relations graph: actors as nodes, their relations as links coloured by mean Goldstein score.
//
// Plain browser ES module, no build step; uses the global `d3` from static/vendor/d3.min.js.
//
//   import { drawGraph } from "/static/js/graph.js";
//   drawGraph(svg, [{ id: "RUS", label: "Russia", count: 12 }, ...],
//             [{ source: "RUS", target: "UKR", weight: 9, score: -7.2 }], { onClick: (id) => ... });
//
// The layout is static: the force simulation runs a fixed number of ticks synchronously before anything is drawn,
// so the picture does not move afterwards (and browser tests see a stable one). d3-force starts from a fixed
// phyllotaxis arrangement, so the same input gives the same layout.
/* global d3 */

const GOLDSTEIN = 10; // the Goldstein scale runs from -10 (most conflictual) to +10 (most cooperative)

/**
 * drawGraph(svgElement, nodes, links, options): draw a force-directed graph into the SVG.
 *
 * nodes: [{id, label, count}]  - circle area by count, label beside it
 * links: [{source, target, weight, score}] - source/target are node ids; stroke width by weight; colour by score
 *        (mean Goldstein: negative red, positive blue, 0 grey). Links to unknown ids are dropped.
 * options (all optional): onClick(id) on a node; ticks (default 300); width, height (default the SVG's viewBox or
 *        its size on the page, else 640 x 400).
 *
 * Node groups are <g class="node" data-id="...">; links are <line class="link" data-source data-target>.
 * The inputs are not changed. Returns {nodes, links}: copies with the computed x, y.
 */
export function drawGraph(svgElement, nodes, links, options = {}) {
  const box = svgElement.viewBox && svgElement.viewBox.baseVal;
  const rect = svgElement.getBoundingClientRect();
  const width = options.width || (box && box.width) || rect.width || 640;
  const height = options.height || (box && box.height) || rect.height || 400;

  // Copies: d3-force writes x, y, vx, vy into the nodes and replaces link ends by node objects.
  const simNodes = nodes.map((n) => ({ ...n }));
  const ids = new Set(simNodes.map((n) => n.id));
  const simLinks = links
    .filter((l) => ids.has(l.source) && ids.has(l.target))
    .map((l) => ({ ...l }));

  const maxCount = d3.max(simNodes, (n) => n.count) || 1;
  const maxWeight = d3.max(simLinks, (l) => l.weight) || 1;
  const radius = d3.scaleSqrt([0, maxCount], [4, 18]);
  const strokeWidth = d3.scaleLinear([0, maxWeight], [1, 8]);
  // RdBu runs red -> blue, so -10 is red and +10 blue
  const color = d3.scaleDiverging([-GOLDSTEIN, 0, GOLDSTEIN], d3.interpolateRdBu).clamp(true);

  const simulation = d3
    .forceSimulation(simNodes)
    .force("link", d3.forceLink(simLinks).id((n) => n.id).distance(90))
    .force("charge", d3.forceManyBody().strength(-250))
    .force("x", d3.forceX(width / 2).strength(0.06))
    .force("y", d3.forceY(height / 2).strength(0.1))
    .force("collide", d3.forceCollide((n) => radius(n.count || 0) + 4))
    .stop();
  simulation.tick(options.ticks ?? 300);

  // Keep every node (and a little room for its label) inside the drawing.
  const margin = 24;
  for (const n of simNodes) {
    n.x = Math.max(margin, Math.min(width - margin, n.x));
    n.y = Math.max(margin, Math.min(height - margin, n.y));
  }

  const svg = d3.select(svgElement);
  svg.selectAll("*").remove();
  svg.attr("viewBox", `0 0 ${width} ${height}`).classed("truceline-graph", true);

  const link = svg
    .append("g")
    .attr("class", "links")
    .attr("stroke-linecap", "round")
    .selectAll("line")
    .data(simLinks)
    .join("line")
    .attr("class", "link")
    .attr("data-source", (l) => l.source.id)
    .attr("data-target", (l) => l.target.id)
    .attr("x1", (l) => l.source.x)
    .attr("y1", (l) => l.source.y)
    .attr("x2", (l) => l.target.x)
    .attr("y2", (l) => l.target.y)
    .attr("stroke", (l) => (l.score == null ? "#999" : color(l.score)))
    .attr("stroke-opacity", 0.8)
    .attr("stroke-width", (l) => strokeWidth(l.weight || 0));
  link.append("title").text((l) => {
    const score = l.score == null ? "n/a" : d3.format("+.1f")(l.score);
    return `${l.source.label ?? l.source.id} – ${l.target.label ?? l.target.id}: ${l.weight} events, mean Goldstein ${score}`;
  });

  const node = svg
    .append("g")
    .attr("class", "nodes")
    .selectAll("g")
    .data(simNodes)
    .join("g")
    .attr("class", "node")
    .attr("data-id", (n) => n.id)
    .attr("transform", (n) => `translate(${n.x},${n.y})`);
  node
    .append("circle")
    .attr("r", (n) => radius(n.count || 0))
    .attr("fill", "#4a5568")
    .attr("stroke", "#fff")
    .attr("stroke-width", 1.5);
  node
    .append("text")
    .text((n) => n.label ?? n.id)
    .attr("x", (n) => radius(n.count || 0) + 3)
    .attr("dy", "0.35em")
    .attr("font-size", 11)
    .attr("font-family", "sans-serif")
    .attr("fill", "#1a202c")
    .attr("paint-order", "stroke")
    .attr("stroke", "#fff")
    .attr("stroke-width", 3);
  node.append("title").text((n) => `${n.label ?? n.id}: ${n.count ?? 0} events`);

  if (typeof options.onClick === "function") {
    node.style("cursor", "pointer").on("click", (event, n) => options.onClick(n.id));
  }

  return { nodes: simNodes, links: simLinks };
}
