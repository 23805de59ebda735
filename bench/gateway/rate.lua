-- wrk at a fixed total rate (wrk2 is not packaged): every thread hands out send slots at RATE/threads per second and
-- each connection waits for its slot. A slow answer does not lower the offered rate: the slots it missed are sent at
-- once afterwards (latency is still measured from the actual send, so a stall is under-reported, not hidden).
-- Env: RATE (requests/s in total, default 200), THREADS (must equal wrk -t, default 2).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("RATE") or "200")
local threads = tonumber(os.getenv("THREADS") or "2")
local interval = 1000 * threads / rate
local next_slot = nil

function delay()
  local now = now_ms()
  if next_slot == nil then
    next_slot = now
  end
  next_slot = next_slot + interval
  local wait = next_slot - now
  if wait < 0 then
    return 0
  end
  return wait
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f " ..
      "max_ms=%.2f errors=%d non2xx=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      summary.errors.status))
end
