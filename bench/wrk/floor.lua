-- The floor: wrk asks the liveness probe (a DRF view that touches nothing) for a fixed time;
-- the same JSON line as replay.lua, so the two compare in one run.

function done(summary, latency, requests)
  io.write(string.format(
    '{"expected": 0, "lost": 0, "duration_us": %d, "requests": %d, "errors": %d, "statuses": {}, '
      .. '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %d}\n',
    summary.duration, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean
  ))
end
