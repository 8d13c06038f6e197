-- wrk script for the CA throughput bench (ca-throughput.ts runs `wrk -t1 -c<clients> ...`).
--
-- Each request is for the next application of a pre-made list, so every simpleenroll
-- is a first issuance (a repeated one would be answered from the database, cheaply).
-- The measured runs end by time (-d), with a list longer than the time allows.
--
-- Environment:
--   BENCH_APPLICATIONS  file of lines "<application no>\t<Authorization header value>"
--   BENCH_EXCHANGE      "simpleenroll" (STEP4) or "verify-pin" (STEP3)
--   BENCH_CSR           file with the base64 CSR body (simpleenroll)
--   BENCH_RESULT        file the JSON summary is written to

local applications = {}
for line in io.lines(os.getenv("BENCH_APPLICATIONS")) do
  local no, authorization = line:match("^(%S+)\t(.+)$")
  applications[#applications + 1] = { no = no, authorization = authorization }
end

local exchange = os.getenv("BENCH_EXCHANGE")
local csr = ""
if exchange == "simpleenroll" then
  local f = assert(io.open(os.getenv("BENCH_CSR"), "r"))
  csr = f:read("*a")
  f:close()
end

local next_index = 0

-- Ends the run now: thread:stop() alone leaves wrk sleeping out -d, and SIGINT (wrk's
-- Ctrl-C) makes it print its summary and call done(). $PPID of os.execute's shell is
-- wrk itself; the kill runs in the background because system() ignores SIGINT until it returns.
local function end_run()
  wrk.thread:stop()
  os.execute("(sleep 0.02; kill -INT $PPID) &")
end

request = function()
  next_index = next_index + 1
  if next_index > #applications then
    -- simpleenroll: the list ran out before the time (the bench reports listUsedUp);
    -- never repeat an application, whose answer would come from the database, cheaply.
    -- verify-pin: only the connections still waiting for the last answers get here. They
    -- start over from the top of the list, whose checks are long done (answered from the
    -- verified-PIN cache): repeating the last application instead sent several checks of
    -- one application at once, which the CA rightly refuses as busy (429).
    if exchange == "simpleenroll" and next_index == #applications + 1 then
      wrk.thread:set("ran_out", true)
      end_run()
    end
  end
  local application = applications[math.min(next_index, #applications)]
  if exchange == "verify-pin" and next_index > #applications then
    application = applications[(next_index - 1) % #applications + 1]
  end
  if exchange == "simpleenroll" then
    return wrk.format("POST", "/.well-known/est/simpleenroll",
      { ["Content-Type"] = "application/pkcs10", ["Authorization"] = application.authorization }, csr)
  end
  return wrk.format("POST", "/api/v1/applications/" .. application.no .. "/verify-pin",
    { ["Content-Type"] = "application/json", ["Authorization"] = application.authorization }, "{}")
end

-- verify-pin runs end when every application has its answer (each must pass STEP3 before
-- its STEP4). Only they watch answers: a Lua response() makes wrk build a table of every
-- response's headers, which would be the load generator's own cost in a measured run.
if exchange == "verify-pin" then
  local answered = 0
  response = function(status, headers, body)
    answered = answered + 1
    if answered == #applications then end_run() end
  end
end

local threads = {}
setup = function(thread)
  threads[#threads + 1] = thread
end

done = function(summary, latency, requests)
  local ran_out = false
  for _, thread in ipairs(threads) do ran_out = ran_out or thread:get("ran_out") == true end
  local f = assert(io.open(os.getenv("BENCH_RESULT"), "w"))
  f:write(string.format(
    '{"requests":%d,"listLength":%d,"ranOut":%s,"durationUs":%d,"non2xx":%d,' ..
    '"socketErrors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"latencyUs":{"min":%d,"max":%d,"mean":%.1f,"p50":%d,"p90":%d,"p99":%d},"cpuSeconds":%.3f}',
    summary.requests, #applications, tostring(ran_out), summary.duration, summary.errors.status,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    latency.min, latency.max, latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    os.clock()))
  f:close()
end
