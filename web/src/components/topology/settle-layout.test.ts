import { SettleNode, settle } from './settle-layout';

const free = (count: number): SettleNode[] => Array.from({ length: count }, () => ({ x: 0, y: 0, fixed: false }));
const dist = (a: SettleNode, b: SettleNode) => Math.hypot(a.x - b.x, a.y - b.y);

describe('settle', () => {
  it('spreads nodes that all start on one spot, with linked nodes nearer than the others', () => {
    const nodes = free(60);
    // Two rings of 30 joined by one link.
    const links: Array<[number, number]> = [];
    for (let i = 0; i < 30; i++) {
      links.push([i, (i + 1) % 30], [30 + i, 30 + ((i + 1) % 30)]);
    }
    links.push([0, 30]);
    settle(nodes, links, { spacing: 100, iterations: 150 });
    let closest = Infinity;
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) closest = Math.min(closest, dist(nodes[i], nodes[j]));
    expect(closest).toBeGreaterThan(40);
    const linked = links.reduce((s, [a, b]) => s + dist(nodes[a], nodes[b]), 0) / links.length;
    const across = dist(nodes[15], nodes[45]);
    expect(linked).toBeLessThan(across);
    nodes.forEach((n) => expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true));
  });

  it('does not move fixed nodes, and puts a new node next to its placed peer', () => {
    const nodes: SettleNode[] = [
      { x: 0, y: 0, fixed: true },
      { x: 1000, y: 0, fixed: true },
      { x: 0, y: 0, fixed: false },
    ];
    settle(nodes, [[1, 2]], { spacing: 100, iterations: 50 });
    expect(nodes.slice(0, 2)).toEqual([{ x: 0, y: 0, fixed: true }, { x: 1000, y: 0, fixed: true }]);
    expect(dist(nodes[2], nodes[1])).toBeLessThan(dist(nodes[2], nodes[0]));
  });

  it('spreads a thousand nodes and five thousand links over an area that grows with them', () => {
    const nodes = free(1000);
    const links: Array<[number, number]> = [];
    for (let i = 0; i < 5000; i++) links.push([i % 1000, (i * 7919) % 1000]);
    settle(nodes, links);
    nodes.forEach((n) => expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true));
    const xs = nodes.map((n) => n.x);
    const ys = nodes.map((n) => n.y);
    const area = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
    // At least a quarter of a spacing-sized square per node: not a knot.
    expect(area / nodes.length).toBeGreaterThan(110 * 110 * 0.25);
  });

  it('keeps the members of a group together', () => {
    const nodes = free(40).map((n, i) => ({ ...n, group: i < 20 ? 'a' : 'b' }));
    // A few talkers in each group, and traffic across the groups.
    const links: Array<[number, number]> = Array.from({ length: 20 }, (_, i) => [i, 20 + ((i * 7) % 20)] as [number, number]);
    for (let i = 0; i < 20; i += 4) links.push([i, i + 1], [20 + i, 21 + i]);
    settle(nodes, links, { spacing: 100, iterations: 150 });
    const centre = (list: SettleNode[]) => ({ x: list.reduce((s, n) => s + n.x, 0) / list.length, y: list.reduce((s, n) => s + n.y, 0) / list.length, fixed: false });
    const a = centre(nodes.slice(0, 20));
    const b = centre(nodes.slice(20));
    const own = nodes.slice(0, 20).filter((n) => dist(n, a) < dist(n, b)).length;
    expect(own).toBeGreaterThanOrEqual(18);
  });
});
