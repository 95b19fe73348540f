/**
 * A force-directed layout computed in one pass, before anything is drawn: links pull their ends to a
 * preferred distance, nearby nodes push each other away (found through a grid of cells, so a step costs
 * about O(nodes + links) instead of O(nodes²)), a weak pull to the centre keeps separate parts together.
 * Nodes marked fixed (already on screen) do not move, so a refreshed graph keeps its picture and only
 * new nodes find a place, next to their placed peers.
 */

export interface SettleNode {
  x: number;
  y: number;
  /** Does not move (a node that was already laid out). */
  fixed: boolean;
  /** Nodes of the same group (any key) are pulled together, so that group boxes stay apart. */
  group?: string;
}

export interface SettleOptions {
  /** Preferred distance between linked nodes and spacing between neighbours, px. */
  spacing: number;
  iterations: number;
}

export const defaultSettleOptions: SettleOptions = { spacing: 110, iterations: 120 };

/** Fewer steps for large graphs: past a few hundred nodes the picture is a map of clusters, not of single nodes. */
export function settleOptionsFor(nodeCount: number): SettleOptions {
  return { ...defaultSettleOptions, iterations: nodeCount > 400 ? 80 : defaultSettleOptions.iterations };
}

const goldenAngle = Math.PI * (3 - Math.sqrt(5));
/** Above this many groups, their pairwise push costs more than it helps. */
const maxPushedGroups = 300;

/** Where a new node starts: next to a placed peer if it has one, else on a sunflower spiral around the centre. */
function place(nodes: SettleNode[], neighbours: number[][], spacing: number): void {
  const placed = nodes.map((n) => n.fixed);
  let cx = 0;
  let cy = 0;
  let fixedCount = 0;
  nodes.forEach((n) => {
    if (n.fixed) {
      cx += n.x;
      cy += n.y;
      fixedCount++;
    }
  });
  if (fixedCount > 0) {
    cx /= fixedCount;
    cy /= fixedCount;
  }
  // Each group gets its own area on a wide spiral, its members a small spiral there: groups start apart.
  const groupSizes = new Map<string | undefined, number>();
  nodes.forEach((n) => groupSizes.set(n.group, (groupSizes.get(n.group) ?? 0) + 1));
  const largest = Math.max(...groupSizes.values());
  const areas = new Map<string | undefined, { x: number; y: number; count: number }>();
  [...groupSizes.keys()].forEach((g, k) => {
    const r = k === 0 ? 0 : spacing * 1.6 * Math.sqrt(largest) * Math.sqrt(k + 0.5);
    areas.set(g, { x: cx + Math.cos(k * goldenAngle) * r, y: cy + Math.sin(k * goldenAngle) * r, count: fixedCount });
  });
  nodes.forEach((n, i) => {
    if (placed[i]) return;
    const peer = neighbours[i].find((j) => placed[j] && nodes[j].group === n.group);
    const angle = i * goldenAngle;
    if (peer !== undefined) {
      n.x = nodes[peer].x + Math.cos(angle) * spacing;
      n.y = nodes[peer].y + Math.sin(angle) * spacing;
    } else {
      const area = areas.get(n.group)!;
      const r = spacing * 0.7 * Math.sqrt(area.count + 0.5);
      n.x = area.x + Math.cos(area.count * goldenAngle) * r;
      n.y = area.y + Math.sin(area.count * goldenAngle) * r;
      area.count++;
    }
    placed[i] = true;
  });
}

/** Moves the free nodes in place; `links` are index pairs into `nodes`. */
export function settle(nodes: SettleNode[], links: ReadonlyArray<readonly [number, number]>, options: SettleOptions = defaultSettleOptions): void {
  const n = nodes.length;
  if (n === 0 || nodes.every((node) => node.fixed)) return;
  const { spacing, iterations } = options;
  const neighbours: number[][] = nodes.map(() => []);
  for (const [a, b] of links) {
    if (a === b) continue;
    neighbours[a].push(b);
    neighbours[b].push(a);
  }
  place(nodes, neighbours, spacing);

  const cell = spacing * 1.5;
  const xs = Float64Array.from(nodes, (node) => node.x);
  const ys = Float64Array.from(nodes, (node) => node.y);
  const fixed = nodes.map((node) => node.fixed);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const linkA = Int32Array.from(links, (l) => l[0]);
  const linkB = Int32Array.from(links, (l) => l[1]);
  // Hubs pull each peer less, or they would gather everything into one knot.
  const strength = Float64Array.from(links, ([a, b]) => 1 / Math.max(1, Math.min(neighbours[a].length, neighbours[b].length)));
  // The grid as a hash table of cells with chained nodes: no allocation per step. Two cells that share
  // a slot only cost a few extra distance checks.
  const slots = 1 << Math.ceil(Math.log2(n * 2));
  const head = new Int32Array(slots);
  const next = new Int32Array(n);
  const cellX = new Int32Array(n);
  const cellY = new Int32Array(n);
  const groupIds = new Map<string, number>();
  const groupOf = Int32Array.from(nodes, (node) => {
    if (node.group === undefined) return -1;
    if (!groupIds.has(node.group)) groupIds.set(node.group, groupIds.size);
    return groupIds.get(node.group)!;
  });
  const groupSize = new Float64Array(groupIds.size);
  groupOf.forEach((g) => g >= 0 && groupSize[g]++);
  const groupX = new Float64Array(groupIds.size);
  const groupY = new Float64Array(groupIds.size);
  const groupRadius = groupSize.map((size) => spacing * 0.8 * Math.sqrt(size));
  const pushX = new Float64Array(groupIds.size);
  const pushY = new Float64Array(groupIds.size);
  const slot = (gx: number, gy: number) => (Math.imul(gx, 73856093) ^ Math.imul(gy, 19349663)) & (slots - 1);

  for (let it = 0; it < iterations; it++) {
    const alpha = 1 - it / iterations;
    dx.fill(0);
    dy.fill(0);

    head.fill(-1);
    for (let i = 0; i < n; i++) {
      cellX[i] = Math.floor(xs[i] / cell);
      cellY[i] = Math.floor(ys[i] / cell);
      const h = slot(cellX[i], cellY[i]);
      next[i] = head[h];
      head[h] = i;
    }
    // Repulsion between nodes closer than a cell, found through the grid.
    for (let i = 0; i < n; i++) {
      for (let ox = -1; ox <= 1; ox++) {
        for (let oy = -1; oy <= 1; oy++) {
          const gx = cellX[i] + ox;
          const gy = cellY[i] + oy;
          for (let j = head[slot(gx, gy)]; j !== -1; j = next[j]) {
            if (j <= i || cellX[j] !== gx || cellY[j] !== gy) continue;
            let ddx = xs[i] - xs[j];
            let ddy = ys[i] - ys[j];
            let d2 = ddx * ddx + ddy * ddy;
            if (d2 === 0) {
              // Same spot: part them in a direction that depends on the pair only.
              ddx = Math.cos(i + j);
              ddy = Math.sin(i + j);
              d2 = 1;
            }
            if (d2 >= cell * cell) continue;
            const push = (spacing * spacing) / d2; // grows fast as they get closer
            dx[i] += ddx * push;
            dy[i] += ddy * push;
            dx[j] -= ddx * push;
            dy[j] -= ddy * push;
          }
        }
      }
    }

    // Springs along links.
    for (let l = 0; l < linkA.length; l++) {
      const a = linkA[l];
      const b = linkB[l];
      if (a === b) continue;
      const ddx = xs[b] - xs[a];
      const ddy = ys[b] - ys[a];
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 1;
      const pull = ((d - spacing) / d) * 0.5 * strength[l];
      dx[a] += ddx * pull;
      dy[a] += ddy * pull;
      dx[b] -= ddx * pull;
      dy[b] -= ddy * pull;
    }

    // A weak pull to the centre keeps separate parts in sight; a stronger one to their group's centre
    // keeps groups compact.
    let cx = 0;
    let cy = 0;
    groupX.fill(0);
    groupY.fill(0);
    for (let i = 0; i < n; i++) {
      cx += xs[i];
      cy += ys[i];
      if (groupOf[i] >= 0) {
        groupX[groupOf[i]] += xs[i];
        groupY[groupOf[i]] += ys[i];
      }
    }
    cx /= n;
    cy /= n;
    // Groups whose areas overlap push each other apart (a few dozen groups: pairs are cheap).
    const groups = groupSize.length;
    pushX.fill(0);
    pushY.fill(0);
    if (groups <= maxPushedGroups) {
      for (let g = 0; g < groups; g++) {
        for (let h = g + 1; h < groups; h++) {
          const ddx = groupX[g] / groupSize[g] - groupX[h] / groupSize[h];
          const ddy = groupY[g] / groupSize[g] - groupY[h] / groupSize[h];
          const d = Math.sqrt(ddx * ddx + ddy * ddy) || 1;
          const overlap = groupRadius[g] + groupRadius[h] - d;
          if (overlap <= 0) continue;
          pushX[g] += (ddx / d) * overlap * 0.5;
          pushY[g] += (ddy / d) * overlap * 0.5;
          pushX[h] -= (ddx / d) * overlap * 0.5;
          pushY[h] -= (ddy / d) * overlap * 0.5;
        }
      }
    }

    const maxStep = spacing * (0.05 + alpha);
    for (let i = 0; i < n; i++) {
      if (fixed[i]) continue;
      let sx = dx[i] + (cx - xs[i]) * 0.01;
      let sy = dy[i] + (cy - ys[i]) * 0.01;
      const g = groupOf[i];
      if (g >= 0) {
        sx += (groupX[g] / groupSize[g] - xs[i]) * 0.3 + pushX[g];
        sy += (groupY[g] / groupSize[g] - ys[i]) * 0.3 + pushY[g];
      }
      const step = Math.sqrt(sx * sx + sy * sy);
      if (step > maxStep) {
        sx *= maxStep / step;
        sy *= maxStep / step;
      }
      xs[i] += sx;
      ys[i] += sy;
    }
  }
  nodes.forEach((node, i) => {
    node.x = xs[i];
    node.y = ys[i];
  });
}
