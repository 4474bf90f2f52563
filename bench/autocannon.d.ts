// Minimal types for the part of autocannon's API bench/ingest-load.ts uses (the package ships none).
declare module 'autocannon' {
  namespace autocannon {
    interface Histogram {
      p50: number;
      p90: number;
      p99: number;
      max: number;
      average: number;
    }
    interface Result {
      duration: number;
      '2xx': number;
      non2xx: number;
      errors: number;
      timeouts: number;
      latency: Histogram;
    }
    interface Instance {
      on(event: 'done', fn: (r: Result) => void): void;
    }
  }
  function autocannon(opts: Record<string, unknown>): autocannon.Instance;
  export default autocannon;
}
