import { describe, expect, it } from 'vitest';
import { createPacer } from '../../src/slack/pacer.js';

describe('pacer', () => {
  it('lets one message per second per channel through and gives each waiting send its own slot', () => {
    const p = createPacer(1000);
    const t = 10_000;
    expect(p.take('C1', 'a', t)).toBe(0);
    expect(p.take('C1', 'b', t)).toBe(1000);
    expect(p.take('C1', 'c', t)).toBe(2000);
    expect(p.take('C2', 'x', t)).toBe(0); // other channels are independent
    // b comes back at its slot and goes; asking again early keeps its slot instead of taking a later one
    expect(p.take('C1', 'c', t + 1500)).toBe(500);
    expect(p.take('C1', 'b', t + 1000)).toBe(0);
    expect(p.take('C1', 'c', t + 2000)).toBe(0);
    expect(p.take('C1', 'd', t + 2000)).toBe(1000);
  });

  it('forgets reservations nobody came back for', () => {
    const p = createPacer(1000, 5000);
    p.take('C1', 'a', 0);
    expect(p.take('C1', 'gone', 0)).toBe(1000);
    expect(p.take('C1', 'gone', 100_000)).toBe(0); // reservation expired: treated as a new, immediate send
  });
});
