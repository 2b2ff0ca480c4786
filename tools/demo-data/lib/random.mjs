// A small seeded random source, so that the same --seed gives the same petitions.
// xmur3 turns the seed text into 32-bit states; sfc32 produces the numbers.

function xmur3(text) {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };
}

function sfc32(a, b, c, d) {
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A short stable hex digest of a text (for idempotency keys derived from the seed). */
export function shortHash(text) {
  const next = xmur3(String(text));
  return (next().toString(16).padStart(8, '0') + next().toString(16).padStart(8, '0')).slice(0, 10);
}

export class Random {
  constructor(seed) {
    const next = xmur3(String(seed));
    this.next = sfc32(next(), next(), next(), next());
    for (let i = 0; i < 16; i++) this.next(); // let the state mix
  }

  /** Float in [0, 1). */
  float() {
    return this.next();
  }

  /** Integer in [min, max], both included. */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p) {
    return this.next() < p;
  }

  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }

  /** Picks from [[value, weight], ...]. */
  weighted(pairs) {
    const total = pairs.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of pairs) {
      r -= w;
      if (r < 0) return value;
    }
    return pairs[pairs.length - 1][0];
  }

  /** n distinct items of list (n <= list.length). */
  sample(list, n) {
    const copy = [...list];
    const out = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }

  /** Rounded to `step`, in [min, max]. */
  amount(min, max, step = 100) {
    return Math.round(this.int(min, max) / step) * step;
  }
}
