import { describe, expect, it } from 'vitest';
import { demoUuid, fmix32, streamSeed, uuidFromWords } from './ids.js';

describe('demo shop ids', () => {
  it('formats words as a version-4 UUID', () => {
    expect(uuidFromWords(0, 0, 0, 0)).toBe('00000000-0000-4000-8000-000000000000');
    expect(uuidFromWords(0xdeadbeef, 0x0123ffff, 0xffffffff, 0x0000abcd)).toBe(
      'deadbeef-0123-4fff-bfff-ffff0000abcd',
    );
  });

  it('uses the MurmurHash3 finaliser (known values)', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });

  it('never gives two owners or sequence numbers the same id', () => {
    const seen = new Set<string>();
    for (let owner = 0; owner < 200; owner++)
      for (let seq = 0; seq < 200; seq++) seen.add(demoUuid(42, 1, owner, seq));
    expect(seen.size).toBe(40_000);
    expect(demoUuid(42, 1, 5, 5)).not.toBe(demoUuid(42, 2, 5, 5));
    expect(demoUuid(42, 1, 5, 5)).not.toBe(demoUuid(43, 1, 5, 5));
  });

  it('gives distinct stream seeds to distinct entities under one seed', () => {
    const seeds = new Set<number>();
    for (let i = 0; i < 50_000; i++) seeds.add(streamSeed(42, 1, i));
    expect(seeds.size).toBe(50_000);
  });
});
