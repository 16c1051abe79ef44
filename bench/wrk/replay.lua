-- Replays prepared requests through wrk, each exactly once: the file named by the first
-- script argument holds one request per line, "METHOD<TAB>PATH<TAB>AUTHORIZATION<TAB>BODY",
-- optionally followed by "<TAB>Name: value" extra headers (several separated by \x1f),
-- dealt round-robin to wrk's threads (the second argument is their number). A thread stops
-- once every request of its share is answered and creates the file named by the third
-- argument plus its index, so the harness can end wrk (its main thread otherwise sleeps for
-- the whole -d). The figures go to stdout as one JSON line; the duration is the threads'
-- own, from their first request to their last answer (wrk's is always -d).
--
-- Written by hand because wrk knows no "each request once": its request() is asked for the
-- next request whenever a connection is free, and once more, at start-up, by wrk itself to
-- check the script (that call is answered with a harmless probe, not a prepared request).
-- A connection that is free after its thread's share is sent waits (delay()); a request wrk
-- loses to a connect error is reported as "lost" when wrk ends at -d.

local ffi = require("ffi")
ffi.cdef([[
  typedef struct { long tv_sec; long tv_nsec; } qe_timespec;
  int clock_gettime(int clock, qe_timespec *now);
]])
local CLOCK_MONOTONIC = 1
local clock = ffi.new("qe_timespec")

local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000000 + math.floor(tonumber(clock.tv_nsec) / 1000)
end

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  local share_of = tonumber(args[2])
  done_marker = args[3] .. thread_index
  queue = {}
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % share_of == thread_index then
      local method, path, authorization, body, extra =
        line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t?(.*)$")
      local headers = { ["Content-Type"] = "application/json" }
      if authorization ~= "" then
        headers["Authorization"] = authorization
      end
      for header in extra:gmatch("[^\31]+") do
        local name, value = header:match("^([^:]+): (.*)$")
        headers[name] = value
      end
      if body == "" then
        body = nil
      end
      table.insert(queue, wrk.format(method, path, headers, body))
    end
    line_number = line_number + 1
  end
  queued = #queue
  sent = 0
  answered = 0
  started_us = 0
  finished_us = 0
  statuses = {}
  probe = wrk.format("GET", "/api/health/live/")
  verified = thread_index ~= 0 -- thread 0's first request() call is wrk's own check
end

function delay()
  if sent >= #queue then
    return 600000 -- nothing left to send: idle until the thread stops
  end
  return 0
end

function request()
  if not verified then
    verified = true
    return probe
  end
  if sent >= #queue then
    return probe
  end
  if sent == 0 then
    started_us = now_us()
  end
  sent = sent + 1
  return queue[sent]
end

function response(status, headers, body)
  answered = answered + 1
  finished_us = now_us()
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if answered >= #queue then
    io.open(done_marker, "w"):close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local totals = {}
  local expected = 0
  local answered_all = 0
  local first_us = nil
  local last_us = 0
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("statuses")) do
      totals[key] = (totals[key] or 0) + count
    end
    expected = expected + thread:get("queued")
    answered_all = answered_all + thread:get("answered")
    local started = thread:get("started_us")
    if started > 0 and (first_us == nil or started < first_us) then
      first_us = started
    end
    last_us = math.max(last_us, thread:get("finished_us"))
  end
  local parts = {}
  for key, count in pairs(totals) do
    table.insert(parts, string.format('"%s": %d', key, count))
  end
  io.write(string.format(
    '{"expected": %d, "lost": %d, "duration_us": %d, "requests": %d, "errors": %d, '
      .. '"statuses": {%s}, "p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"max_us": %d, "mean_us": %d}\n',
    expected, expected - answered_all, last_us - (first_us or last_us), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    table.concat(parts, ", "),
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean
  ))
end
