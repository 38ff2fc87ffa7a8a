-- wrk script: each request takes the next path from the list in the PATHS file (one per line), round robin,
-- so the load spreads over every segment of the asset instead of one hot object.
local paths = {}
local counter = 0

function init(args)
  for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d bytes=%d seconds=%.2f errors=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.bytes, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
